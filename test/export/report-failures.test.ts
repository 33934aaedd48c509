import { expect } from 'chai';
import { reportExportFailures } from '../../src/export/report-failures';
import { createLogger } from '../../src/lib/logger';

describe('export failures in debug mode', () => {
  function setup(statuses: number[], debug = true) {
    const printed: string[] = [];
    const sink = { error: () => {}, warn: () => {}, debug: (message: string) => printed.push(message) };
    const transport = reportExportFailures(
      async () => ({ status: statuses.shift() ?? 200 }),
      createLogger(debug, sink),
      'https://collector.example/v1/traces',
      'https://shop.example',
    );
    return { transport, printed };
  }

  it('reports each failing status once, passes the status on, and says what to fix for CORS', async () => {
    const { transport, printed } = setup([0, 0, 503, 0, 503, 200]);
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await transport('{}')).status);
    expect(results).to.deep.equal([0, 0, 503, 0, 503, 200]);
    expect(printed).to.have.length(2);
    expect(printed[0]).to.match(/^\[otel-browser\] export to https:\/\/collector\.example\/v1\/traces failed: network error or refused by CORS/);
    expect(printed[0]).to.contain('https://shop.example').and.contain('allowed_origins');
    expect(printed[1]).to.contain('HTTP 503');
  });

  it('prints nothing without debug', async () => {
    const { transport, printed } = setup([0, 500], false);
    await transport('{}');
    await transport('{}');
    expect(printed).to.deep.equal([]);
  });
});
