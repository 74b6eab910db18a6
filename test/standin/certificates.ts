import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** A certificate and its private key, PEM. */
export interface Issued {
  cert: string;
  key: string;
}

const { pki } = forge;

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    forgePrivate: pki.privateKeyFromPem(
      privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    ),
    forgePublic: pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function certificate(
  subject: string,
  pair: ReturnType<typeof keyPair>,
  issuer: { name: string; key: forge.pki.rsa.PrivateKey } | undefined,
  extensions: object[],
) {
  const cert = pki.createCertificate();
  cert.publicKey = pair.forgePublic;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 2 * 365 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer([{ name: 'commonName', value: issuer?.name ?? subject }]);
  cert.setExtensions(extensions);
  cert.sign(issuer?.key ?? pair.forgePrivate, forge.md.sha256.create());
  return pki.certificateToPem(cert);
}

/**
 * A self-signed certificate authority made at test time, and certificates it signs: a server
 * certificate for 127.0.0.1/localhost and client certificates for mutual TLS.
 */
export function certificateAuthority(name = 'Pishkhan stand-in CA') {
  const pair = keyPair();
  const ca = certificate(name, pair, undefined, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  const issue = (subject: string, kind: 'server' | 'client'): Issued => {
    const leaf = keyPair();
    return {
      key: leaf.key,
      cert: certificate(subject, leaf, { name, key: pair.forgePrivate }, [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: kind === 'server', clientAuth: kind === 'client' },
        ...(kind === 'server'
          ? [
              {
                name: 'subjectAltName',
                altNames: [
                  { type: 7, ip: '127.0.0.1' },
                  { type: 2, value: 'localhost' },
                ],
              },
            ]
          : []),
      ]),
    };
  };
  return { cert: ca, issue };
}

/** Writes a CA, a server certificate and a ledger client certificate into `dir` (PEM files). */
export function writeCertificates(dir: string) {
  mkdirSync(dir, { recursive: true });
  const ca = certificateAuthority();
  const server = ca.issue('stand-in data provider', 'server');
  const client = ca.issue('pishkhan-ledger', 'client');
  const files = {
    'ca.crt': ca.cert,
    'server.crt': server.cert,
    'server.key': server.key,
    'client.crt': client.cert,
    'client.key': client.key,
  };
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, name), text, { mode: name.endsWith('.key') ? 0o600 : 0o644 });
  return { ca, server, client };
}
