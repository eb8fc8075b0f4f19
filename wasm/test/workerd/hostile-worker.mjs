// The hostile-argument table (test/hostile-args.mjs) inside workerd, through the package's
// workerd entry.
import * as api from '../../pkg/dist/workerd.mjs';
import { runHostileArguments } from '../hostile-args.mjs';

export default {
  async fetch() {
    return Response.json({ ...(await runHostileArguments(api, 'workerd')), runtime: navigator.userAgent });
  },
};
