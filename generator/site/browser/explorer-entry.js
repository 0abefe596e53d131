// Entry of assets/explorer.js: the emitted package (served from memory by generator/site/package-plugin.ts)
// and the explorer UI. Namespace imports keep every export, so the explorer can detect what this build has.
import * as gitlab from 'token-permissions/gitlab';
import * as forgejo from 'token-permissions/forgejo';
import * as buildkite from 'token-permissions/buildkite';
import { startExplorer } from './explorer.ts';
import { startWorkload } from './workload.ts';

startExplorer({ gitlab, forgejo, buildkite });
startWorkload({ gitlab, forgejo, buildkite });
