// The zone script-tag bundle: zone.js first (it must patch timers and promises before anything
// else schedules them), then the ordinary script-tag entry. Built with the zone context manager as
// the default (see rollup.config.mjs). Pages that already load zone.js (Angular) use the plain
// bundle with `contextManager: 'zone'` instead: zone.js must not be loaded twice.
import 'zone.js';
import './cdn';
