// Runs the conformance vectors inside workerd, through the package's workerd entry (which
// imports the .wasm as a compiled module and calls initSync). The vector files come in the
// POST body as [{ name, text }].
import * as api from '../../pkg/dist/workerd.mjs';
import { runConformance } from '../conformance-runner.mjs';

export default {
  async fetch(request) {
    const files = await request.json();
    return Response.json({ ...runConformance(api, files, 'workerd'), runtime: navigator.userAgent });
  },
};
