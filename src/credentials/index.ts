export { credentialsRouter } from './routes';
export { credentialRegistry, type CredentialRegistry } from './registry';
export {
  issueCredential,
  revokeCredential,
  rotateSigningSecret,
  type IssuedCredential,
} from './issue';
export { credentialDecider } from './credential.decide';
export { rotationAnswer } from './rotationAnswer';
export * from './credential';
