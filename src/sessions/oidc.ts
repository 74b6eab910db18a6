/**
 * The seam for the government single sign-on (ورود یکپارچهٔ دولت) by OpenID Connect: not
 * implemented; docs/console.md says how an adapter would open a session through it.
 */
export interface IdentityProvider {
  /** Where to send the browser: the provider's authorization endpoint, code flow with PKCE (S256). */
  authorizationUrl(request: { state: string; nonce: string; codeVerifier: string }): URL;
  /**
   * Exchanges the code and verifies the ID token (issuer, audience, signature by the provider's
   * keys, nonce, expiry); answers its subject, or throws UnauthorizedError.
   */
  verifiedSubject(answer: { code: string; codeVerifier: string; nonce: string }): Promise<string>;
}

/**
 * Which credential a verified subject signs in as: registered by the regulator, so a person's
 * role and scope stay the regulator's decision and never come from the provider's claims.
 */
export interface SubjectCredentials {
  credentialFor(subject: string): Promise<{ tokenDigest: string } | undefined>;
}
