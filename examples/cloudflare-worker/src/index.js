// The Worker: every request must carry a valid bearer token. `guard` answers the ones that do
// not (401/400/503, see guard.js); the others reach the handler with the verified claims.
import { guard } from './guard.js';

export default {
  async fetch(request, env) {
    const verified = await guard(request, env);
    if (verified instanceof Response) return verified;
    // Authenticated. A real handler would authorise on the claims (sub, scope, ...) here.
    return Response.json({ claims: verified.payload, header: verified.protectedHeader });
  },
};
