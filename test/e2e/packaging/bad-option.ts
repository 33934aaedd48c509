// Must NOT compile: each line marked `wrong` passes an option of the wrong type. The packaging test
// expects exactly these errors, one per marked line (proof that the published types are not `any`).
import { init } from 'otel-browser';

init({ endpoint: '/v1/traces', serviceName: 'x', sampleRate: 'half' }); // wrong: sampleRate is a number
init({ endpoint: '/v1/traces', serviceName: 'x', instrumentations: { fetch: { networkEvents: 'yes' } } }); // wrong: networkEvents is a boolean
init({ endpoint: '/v1/traces', serviceName: 'x', instrumentations: { longTasks: { entryType: 'frames' } } }); // wrong: not an entry type
init({ endpoint: '/v1/traces', serviceName: 'x', instrumentations: { fecth: true } }); // wrong: no such instrumentation
