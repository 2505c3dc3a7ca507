/**
 * A self-signed certificate for 127.0.0.1, ::1 and localhost, for `tls: true`. Node cannot write X.509 itself, so
 * node-forge (pure JavaScript) builds and signs the certificate; the RSA key comes from node:crypto (fast, native).
 * One certificate per process is enough: it is cached.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface SandboxCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate; also the CA a client must trust. */
  cert: string;
}

let cached: SandboxCertificate | undefined;

export function sandboxCertificate(): SandboxCertificate {
  if (cached) return cached;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // Positive serial: clear the top bit.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 60 * 60 * 1000);
  const subject = [
    { name: 'commonName', value: 'localhost' },
    { name: 'organizationName', value: 'amazon-mws-connector sandbox (test certificate)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  cached = { key: privateKey, cert: forge.pki.certificateToPem(cert) };
  return cached;
}
