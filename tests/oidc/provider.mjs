// A real, certified OpenID provider (the `oidc-provider` package) for the black-box tests of rule 20.
//
// Usage: node provider.mjs  (env: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI)
// Listens on a free port of 127.0.0.1 and prints `oidc: listening on http://127.0.0.1:PORT`.
// It has no login page: the next sign-in is of the person the test chose with
// `POST /test/next-user` {"sub", "email", "email_verified", "personal_number"}.
// `POST /test/rotate` replaces the signing key (a new `kid`); `POST /test/tamper` {claims, foreign_key}
// makes the next ID token lie (claims merged in, or signed by a key the provider does not publish),
// so the tests see Sesam refuse what a certified provider would never send.
import http from 'node:http';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const PNR_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';
const PNR_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';

let nextUser = null;
const users = new Map();

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

async function newKey(kid) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

let tamper = null;
let keyNumber = 1;

function makeProvider(key) {
  const made = new Provider(issuer, {
    jwks: { keys: [key] },
    clients: [
      {
        client_id: process.env.OIDC_CLIENT_ID ?? 'sesam',
        client_secret: process.env.OIDC_CLIENT_SECRET ?? 'sesam-test-secret',
        redirect_uris: [process.env.OIDC_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    scopes: ['openid', 'email', PNR_SCOPE],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], [PNR_SCOPE]: [PNR_CLAIM] },
    // The claims of the granted scopes go into the ID token, which is what Sesam reads.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          const claims = { sub, email: user.email, email_verified: user.email_verified ?? true };
          if (user.personal_number) claims[PNR_CLAIM] = user.personal_number;
          return claims;
        },
      };
    },
  });
  // Rewrites the ID token of a token answer when the test asked for a lie.
  made.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || !tamper || !ctx.body?.id_token) return;
    const lie = tamper;
    tamper = null;
    const claims = { ...decodeJwt(ctx.body.id_token), ...(lie.claims ?? {}) };
    const signer = lie.foreign_key ? await newKey('foreign') : key;
    ctx.body.id_token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid })
      .sign(await importJWK(signer, 'RS256'));
  });
  return made;
}

let provider = makeProvider(await newKey(`key-${keyNumber}`));

function readJson(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(JSON.parse(body)));
  });
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  let result;
  if (prompt.name === 'login') {
    if (!nextUser) {
      result = { error: 'access_denied', error_description: 'no test user chosen' };
    } else {
      users.set(nextUser.sub, nextUser);
      result = { login: { accountId: nextUser.sub } };
    }
  } else {
    const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((e) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  } else if (req.method === 'POST' && req.url === '/test/next-user') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      nextUser = JSON.parse(body);
      res.statusCode = 204;
      res.end();
    });
  } else if (req.method === 'POST' && req.url === '/test/tamper') {
    readJson(req).then((lie) => {
      tamper = lie;
      res.statusCode = 204;
      res.end();
    });
  } else if (req.method === 'POST' && req.url === '/test/rotate') {
    keyNumber += 1;
    newKey(`key-${keyNumber}`).then((key) => {
      provider = makeProvider(key);
      res.statusCode = 204;
      res.end();
    });
  } else {
    provider.callback()(req, res);
  }
});

console.log(`oidc: listening on ${issuer}`);
