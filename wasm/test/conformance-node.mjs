// Conformance in Node through the ESM entry (import 'hubspot-webhooks').
import * as api from 'hubspot-webhooks';
import { runConformance } from './conformance-runner.mjs';
import { report, vectorFiles } from './vector-files.mjs';

report(runConformance(api, vectorFiles(), 'node'));
