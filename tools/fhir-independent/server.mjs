// An independent, in-memory FHIR R4 server for tests, built on Medplum's FHIR engine
// (@medplum/fhir-router's FhirRouter + MemoryRepository). This file adds what the engine leaves to
// its host: HTTP, ETag/Location/Last-Modified, validation of every write, all-or-nothing
// transactions, search paging, Prefer handling and strict (HAPI-like) response shapes.
//
//   node server.mjs --port 0 [--host 127.0.0.1] [--no-conditional-create] [--page-size 20] [--max-page-size 1000] [--verbose]
//
// Prints exactly one line, "listening <port>", on stdout once it accepts connections.
// Base URL: http://HOST:PORT/fhir. POST /admin/reset empties the store.
import http, { STATUS_CODES } from 'node:http';
import {
  OperationOutcomeError,
  allOk,
  badRequest,
  deepClone,
  generateId,
  getStatus,
  globalSchema,
  gone,
  isOk,
  isResourceType,
  normalizeOperationOutcome,
  notFound,
  parseSearchRequest,
} from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { assertValid, loadDefinitions } from './fhir-engine.mjs';

// ---------------------------------------------------------------------------------------------
// Command line

const options = {
  port: 0,
  host: '127.0.0.1',
  conditionalCreate: true,
  pageSize: 20,
  maxPageSize: 1000,
  verbose: false,
};
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) {
        usage(`${arg} needs a value`);
      }
      return argv[++i];
    };
    if (arg === '--port') {
      options.port = Number.parseInt(value(), 10);
    } else if (arg === '--host') {
      options.host = value();
    } else if (arg === '--no-conditional-create') {
      options.conditionalCreate = false;
    } else if (arg === '--page-size') {
      options.pageSize = Number.parseInt(value(), 10);
    } else if (arg === '--max-page-size') {
      options.maxPageSize = Number.parseInt(value(), 10);
    } else if (arg === '--verbose') {
      options.verbose = true;
    } else if (arg === '--help' || arg === '-h') {
      usage();
    } else {
      usage(`unknown argument: ${arg}`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    usage('--port must be 0..65535');
  }
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1) {
    usage('--page-size must be a positive integer');
  }
  if (!Number.isInteger(options.maxPageSize) || options.maxPageSize < 1 || options.maxPageSize > 1000) {
    usage('--max-page-size must be 1..1000');
  }
}

function usage(error) {
  const text =
    'usage: node server.mjs --port PORT [--host 127.0.0.1] [--no-conditional-create] [--page-size N] [--max-page-size N] [--verbose]\n';
  if (error) {
    process.stderr.write(`server.mjs: ${error}\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

loadDefinitions();

// ---------------------------------------------------------------------------------------------
// Constants

const BASE_PATH = '/fhir';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const STARTED = new Date().toISOString();

const CAPABILITY_TYPES = [
  'Patient',
  'Encounter',
  'Observation',
  'MedicationRequest',
  'MedicationAdministration',
  'Medication',
  'AllergyIntolerance',
  'Task',
  'DocumentReference',
  'AuditEvent',
];

// MemoryRepository evaluates only these search parameter types; any other type (number,
// quantity, composite, special) silently matches nothing, so such parameters are refused (400).
const SEARCHABLE_TYPES = new Set(['reference', 'string', 'uri', 'token', 'date']);
// Medplum-specific parameters that are not part of R4.
const NON_R4_PARAMS = new Set(['_compartment', '_project']);
// Result parameters consumed by parseSearchRequest or by this server (never filters).
const IGNORED_QUERY_PARAMS = ['_format', '_pretty'];

function searchParam(resourceType, code) {
  if (NON_R4_PARAMS.has(code)) {
    return undefined;
  }
  const param = globalSchema.types[resourceType]?.searchParams?.[code];
  return param && SEARCHABLE_TYPES.has(param.type) ? param : undefined;
}

function supportedSearchParams(resourceType) {
  const params = globalSchema.types[resourceType]?.searchParams ?? {};
  return Object.keys(params)
    .filter((code) => searchParam(resourceType, code))
    .map((code) => ({ name: code, definition: params[code].url, type: params[code].type }));
}

// ---------------------------------------------------------------------------------------------
// Repository: Medplum's MemoryRepository with validation on every write, deletion tombstones
// (read of a deleted resource answers 410 Gone), no update-as-create, and snapshots for rollback.

class StrictMemoryRepository extends MemoryRepository {
  constructor() {
    super();
    this.tombstones = new Map(); // "Type/id" -> { versionId, lastUpdated }
  }

  static key(resourceType, id) {
    return `${resourceType}/${id}`;
  }

  exists(resourceType, id) {
    return Boolean(this.resources.get(resourceType)?.has(id));
  }

  // Every create and update (including conditional create, patch, and bundle entries) ends here.
  createResourceSync(resource, createOptions, update = false) {
    let toStore = resource;
    if (!update && !createOptions?.assignedId && resource?.id !== undefined) {
      // R4 create: "If an id is provided, the server SHALL ignore it."
      toStore = { ...resource };
      delete toStore.id;
    }
    assertValid(toStore);
    return super.createResourceSync(toStore, createOptions, update);
  }

  async updateResource(resource, updateOptions) {
    if (resource?.resourceType && resource.id && !this.exists(resource.resourceType, resource.id)) {
      // No update-as-create (CapabilityStatement updateCreate: false).
      const key = StrictMemoryRepository.key(resource.resourceType, resource.id);
      throw new OperationOutcomeError(
        this.tombstones.has(key)
          ? gone
          : withText(notFound, `${key} does not exist and this server does not support update as create`)
      );
    }
    return super.updateResource(resource, updateOptions);
  }

  async readResource(resourceType, id) {
    if (!this.exists(resourceType, id) && this.tombstones.has(StrictMemoryRepository.key(resourceType, id))) {
      throw new OperationOutcomeError(gone);
    }
    return super.readResource(resourceType, id);
  }

  async deleteResource(resourceType, id, deleteOptions) {
    const key = StrictMemoryRepository.key(resourceType, id);
    if (!this.exists(resourceType, id) && this.tombstones.has(key)) {
      return; // deleting a deleted resource succeeds (idempotent, as HAPI does)
    }
    await super.deleteResource(resourceType, id, deleteOptions);
    this.tombstones.set(key, { versionId: generateId(), lastUpdated: new Date().toISOString() });
  }

  // MemoryRepository.readVersion requires the resource to be live; older versions of a deleted
  // resource stay readable here.
  async readVersion(resourceType, id, versionId) {
    const tombstone = this.tombstones.get(StrictMemoryRepository.key(resourceType, id));
    if (tombstone?.versionId === versionId) {
      throw new OperationOutcomeError(gone);
    }
    const version = this.history
      .get(resourceType)
      ?.get(id)
      ?.find((v) => v.meta?.versionId === versionId);
    if (!version) {
      throw new OperationOutcomeError(notFound);
    }
    return deepClone(version);
  }

  // Versions oldest first, without MemoryRepository.readHistory's in-place reverse().
  versions(resourceType, id) {
    return this.history.get(resourceType)?.get(id) ?? [];
  }

  clear() {
    super.clear();
    this.tombstones.clear();
  }

  snapshot() {
    return {
      resources: new Map([...this.resources].map(([type, byId]) => [type, new Map(byId)])),
      history: new Map(
        [...this.history].map(([type, byId]) => [type, new Map([...byId].map(([id, list]) => [id, list.slice()]))])
      ),
      tombstones: new Map(this.tombstones),
    };
  }

  restore(snapshot) {
    this.resources.clear();
    this.history.clear();
    this.tombstones.clear();
    for (const [type, byId] of snapshot.resources) {
      this.resources.set(type, byId);
    }
    for (const [type, byId] of snapshot.history) {
      this.history.set(type, byId);
    }
    for (const [key, value] of snapshot.tombstones) {
      this.tombstones.set(key, value);
    }
  }
}

function withText(outcome, text) {
  return { ...outcome, issue: [{ ...outcome.issue[0], details: { text } }] };
}

function outcomeError(status, code, text) {
  const ids = { 400: undefined, 404: 'not-found', 405: undefined, 412: 'precondition-failed', 415: undefined };
  return {
    resourceType: 'OperationOutcome',
    ...(ids[status] ? { id: ids[status] } : {}),
    issue: [{ severity: 'error', code, details: { text } }],
  };
}

class HttpError extends Error {
  constructor(status, outcome) {
    super(outcome.issue?.[0]?.details?.text ?? String(status));
    this.status = status;
    this.outcome = outcome;
  }
}

const repo = new StrictMemoryRepository();

// ---------------------------------------------------------------------------------------------
// Router: Medplum's FhirRouter with search and history replaced, GraphQL removed, and explicit
// refusals for type- and system-level history.

const router = new FhirRouter();

function routeKey(route) {
  return route.path.map((s) => (s.param ? ':' + s.value : s.value)).join('/');
}

function replaceRoute(method, path, handler) {
  const route = router.router.routes.find((r) => r.method === method && routeKey(r) === path);
  if (!route) {
    throw new Error(`route not found: ${method} ${path}`);
  }
  route.handler = handler;
}

{
  const routes = router.router.routes;
  const graphql = routes.findIndex((r) => routeKey(r) === '$graphql');
  if (graphql >= 0) {
    routes.splice(graphql, 1);
  }
}

replaceRoute('GET', ':resourceType', searchHandler);
replaceRoute('POST', ':resourceType/_search', searchHandler);
replaceRoute('GET', ':resourceType/:id/_history', historyHandler);
const historyNotSupported = async () => [
  outcomeError(400, 'not-supported', 'Type-level and system-level _history are not supported by this server'),
];
router.add('GET', ':resourceType/_history', historyNotSupported, 'history-type');
router.add('GET', '_history', historyNotSupported, 'history-system');

function resourceUrl(config, resourceType, id) {
  return `${config.baseUrl}/${resourceType}/${id}`;
}

async function searchHandler(req, repository) {
  const { resourceType } = req.params;
  if (!isResourceType(resourceType)) {
    return [withText(notFound, `Unknown resource type: ${resourceType}`)];
  }
  const query = { ...(req.query ?? {}) };
  if (req.method === 'POST' && req.body && typeof req.body === 'object' && !req.body.resourceType) {
    Object.assign(query, req.body); // form-encoded body of POST Type/_search
  }
  for (const name of IGNORED_QUERY_PARAMS) {
    delete query[name];
  }
  const searchRequest = parseSearchRequest(resourceType, query);
  checkSearchRequest(searchRequest);

  const count = searchRequest.count ?? options.pageSize;
  const offset = searchRequest.offset ?? 0;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(offset) || offset < 0) {
    return [badRequest('_count and _offset must be non-negative integers')];
  }
  searchRequest.count = Math.min(count, options.maxPageSize);
  searchRequest.offset = offset;

  const bundle = await repository.search(searchRequest);
  const total = bundle.total ?? 0;
  const config = req.config;
  const pageUrl = (pageOffset) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name === '_offset' || name === '_count' || value === undefined) {
        continue;
      }
      for (const v of Array.isArray(value) ? value : [value]) {
        params.append(name, v);
      }
    }
    params.set('_count', String(searchRequest.count));
    if (pageOffset > 0) {
      params.set('_offset', String(pageOffset));
    }
    return `${config.baseUrl}/${resourceType}?${params}`;
  };
  const link = [{ relation: 'self', url: pageUrl(offset) }];
  if (searchRequest.count > 0 && offset + searchRequest.count < total) {
    link.push({ relation: 'next', url: pageUrl(offset + searchRequest.count) });
  }
  if (offset > 0 && searchRequest.count > 0) {
    link.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - searchRequest.count)) });
  }

  const entry = (bundle.entry ?? []).map((e) => {
    let resource = e.resource;
    if (searchRequest.fields?.length && e.search?.mode !== 'include') {
      resource = subset(resource, searchRequest.fields);
    }
    return { fullUrl: resourceUrl(config, resource.resourceType, resource.id), resource, search: e.search };
  });
  return [
    allOk,
    {
      resourceType: 'Bundle',
      id: generateId(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'searchset',
      total,
      link,
      ...(entry.length ? { entry } : {}),
    },
  ];
}

function checkSearchRequest(searchRequest) {
  const { resourceType } = searchRequest;
  for (const filter of searchRequest.filters ?? []) {
    const code = filter.code;
    if (code.startsWith('_has')) {
      throw new OperationOutcomeError(badRequest(`Unsupported search parameter: ${code}`));
    }
    const chainAt = code.indexOf('.');
    const base = (chainAt >= 0 ? code.slice(0, chainAt) : code).split(':')[0];
    const param = searchParam(resourceType, base);
    if (!param || (chainAt >= 0 && param.type !== 'reference')) {
      throw new OperationOutcomeError(
        badRequest(`Unknown or unsupported search parameter for ${resourceType}: ${base}`)
      );
    }
    if (chainAt < 0 && param.type === 'reference' && (param.target?.length ?? 0) > 1 && filter.value) {
      // Medplum's memory store matches a bare id only for single-target parameters (subject=123
      // would find nothing); R4 allows it for any reference parameter, so expand to every target.
      filter.value = filter.value
        .split(',')
        .flatMap((v) => (v.includes('/') ? [v] : param.target.map((t) => `${t}/${v}`)))
        .join(',');
    }
  }
  for (const rule of searchRequest.sortRules ?? []) {
    if (!searchParam(resourceType, rule.code)) {
      throw new OperationOutcomeError(badRequest(`Unknown or unsupported _sort parameter: ${rule.code}`));
    }
  }
}

function subset(resource, fields) {
  const out = { resourceType: resource.resourceType, id: resource.id };
  for (const name of fields) {
    const key = name.trim();
    if (key && resource[key] !== undefined) {
      out[key] = resource[key];
    }
  }
  const meta = { ...(resource.meta ?? {}) };
  meta.tag = [
    ...(meta.tag ?? []),
    { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' },
  ];
  out.meta = meta;
  return out;
}

async function historyHandler(req, repository) {
  const { resourceType, id } = req.params;
  const versions = repository.versions(resourceType, id);
  if (versions.length === 0) {
    return [notFound];
  }
  const config = req.config;
  const entries = versions.map((version, i) => ({
    fullUrl: resourceUrl(config, resourceType, id),
    resource: deepClone(version),
    request: i === 0 ? { method: 'POST', url: resourceType } : { method: 'PUT', url: `${resourceType}/${id}` },
    response: {
      status: i === 0 ? '201 Created' : '200 OK',
      etag: `W/"${version.meta.versionId}"`,
      lastModified: version.meta.lastUpdated,
    },
  }));
  const tombstone = repository.tombstones.get(StrictMemoryRepository.key(resourceType, id));
  if (tombstone) {
    entries.push({
      fullUrl: resourceUrl(config, resourceType, id),
      request: { method: 'DELETE', url: `${resourceType}/${id}` },
      response: { status: '204 No Content', etag: `W/"${tombstone.versionId}"`, lastModified: tombstone.lastUpdated },
    });
  }
  let since;
  if (typeof req.query?._since === 'string') {
    since = Date.parse(req.query._since);
    if (Number.isNaN(since)) {
      return [badRequest('Invalid _since')];
    }
  }
  const entry = entries
    .filter((e) => since === undefined || Date.parse(e.response.lastModified) >= since)
    .reverse(); // newest first
  return [
    allOk,
    {
      resourceType: 'Bundle',
      id: generateId(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'history',
      total: entry.length,
      link: [{ relation: 'self', url: `${config.baseUrl}/${resourceType}/${id}/_history` }],
      ...(entry.length ? { entry } : {}),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// CapabilityStatement

function capabilityStatement(baseUrl) {
  const interactions = ['read', 'vread', 'update', 'delete', 'create', 'search-type', 'history-instance'];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STARTED,
    publisher: 'Chevet test tooling',
    kind: 'instance',
    software: { name: 'Chevet independent FHIR test server (Medplum fhir-router, in memory)', version: '1.0.0' },
    implementation: { description: 'In-memory FHIR R4 server for tests', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        resource: CAPABILITY_TYPES.map((type) => ({
          type,
          interaction: interactions.map((code) => ({ code })),
          versioning: 'versioned-update',
          readHistory: true,
          updateCreate: false,
          conditionalCreate: options.conditionalCreate,
          conditionalRead: 'not-supported',
          conditionalUpdate: false,
          conditionalDelete: 'not-supported',
          searchParam: supportedSearchParams(type),
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

function send(res, status, body, headers = {}) {
  if (status === 204 || status === 304) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  if (body === undefined) {
    res.writeHead(status, { ...headers, 'Content-Length': 0 });
    res.end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Content-Length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

function statusText(code) {
  return `${code} ${STATUS_CODES[code] ?? ''}`.trim();
}

function parsePrefer(header) {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const match = /(?:^|[,;\s])return\s*=\s*"?(minimal|representation|OperationOutcome)"?/i.exec(value);
  return match ? match[1].toLowerCase() : undefined;
}

function versionHeaders(resource) {
  const headers = {};
  if (resource?.meta?.versionId) {
    headers.ETag = `W/"${resource.meta.versionId}"`;
  }
  if (resource?.meta?.lastUpdated) {
    headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  }
  return headers;
}

function normalizeIfMatch(value) {
  if (typeof value !== 'string' || value.includes('"')) {
    return value;
  }
  return `"${value.trim()}"`; // accept a bare version id too
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, outcomeError(413, 'too-costly', 'Request body too large'));
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = {};
    for (const [name, value] of new URLSearchParams(text)) {
      form[name] = form[name] === undefined ? value : [].concat(form[name], value);
    }
    return form;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, outcomeError(400, 'structure', `Request body is not valid JSON: ${err.message}`));
  }
}

// Every request runs alone: a transaction's snapshot/restore must not interleave with others.
let queue = Promise.resolve();
function serialized(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

// Turns an absolute or slash-prefixed bundle entry URL into the router's relative form.
function relativeEntryUrl(url, baseUrl) {
  let out = String(url ?? '');
  if (out.startsWith(baseUrl + '/')) {
    out = out.slice(baseUrl.length + 1);
  } else if (/^https?:\/\//i.test(out)) {
    const at = out.indexOf(BASE_PATH + '/');
    out = at >= 0 ? out.slice(at + BASE_PATH.length + 1) : out;
  }
  return out.replace(/^\/+/, '');
}

// Returns an OperationOutcome for entries this server refuses before the engine sees them.
function refuseEntry(entry) {
  const method = entry?.request?.method;
  const url = entry?.request?.url ?? '';
  if ((method === 'PUT' || method === 'PATCH' || method === 'DELETE') && url.includes('?')) {
    return outcomeError(405, 'not-supported', `Conditional ${method} is not supported by this server`);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Request handling

async function handle(req, res, baseUrl) {
  const url = new URL(req.url, baseUrl);
  const method = req.method ?? 'GET';

  if (url.pathname === '/admin/reset') {
    if (method !== 'POST') {
      throw new HttpError(405, outcomeError(405, 'not-supported', 'Use POST /admin/reset'));
    }
    await readBody(req).catch(() => undefined);
    repo.clear();
    return send(res, 200, withText(allOk, 'Repository emptied'));
  }

  if (url.pathname !== BASE_PATH && !url.pathname.startsWith(BASE_PATH + '/')) {
    throw new HttpError(404, withText(notFound, `No FHIR endpoint at ${url.pathname} (base is ${BASE_PATH})`));
  }
  const rel = url.pathname.slice(BASE_PATH.length).replace(/^\/+|\/+$/g, '');
  const segments = rel === '' ? [] : rel.split('/');

  if (rel === 'metadata') {
    if (method !== 'GET') {
      throw new HttpError(405, outcomeError(405, 'not-supported', 'metadata supports GET only'));
    }
    return send(res, 200, capabilityStatement(baseUrl + BASE_PATH));
  }
  if (!['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(method)) {
    throw new HttpError(405, outcomeError(405, 'not-supported', `Method ${method} is not supported`));
  }
  if (segments.length > 0 && segments[0] !== '_history' && !isResourceType(segments[0])) {
    throw new HttpError(404, withText(notFound, `Unknown resource type: ${segments[0]}`));
  }

  const body = await readBody(req);
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = value;
  }
  if (!options.conditionalCreate) {
    delete headers['if-none-exist'];
  }
  if (headers['if-match']) {
    headers['if-match'] = normalizeIfMatch(headers['if-match']);
  }
  const prefer = parsePrefer(headers.prefer);
  const fhirBase = baseUrl + BASE_PATH;

  if ((method === 'PUT' || method === 'DELETE' || method === 'PATCH') && segments.length === 1) {
    const refusal = refuseEntry({ request: { method, url: rel + '?' } });
    throw new HttpError(405, refusal);
  }
  if ((method === 'POST' || method === 'PUT') && segments.length <= 2 && segments[1] !== '_search') {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpError(400, outcomeError(400, 'structure', 'A FHIR resource is required in the request body'));
    }
  }
  if (method === 'POST' && segments.length === 1 && body) {
    delete body.id; // create ignores a client id
  }

  // Bundles: normalise entry URLs, apply --no-conditional-create, refuse unsupported entries.
  let bundleRequest; // { type, entries (original), refused: Map<index, outcome> }
  let routerBody = body;
  if (method === 'POST' && segments.length === 0) {
    if (body?.resourceType !== 'Bundle' || (body.type !== 'transaction' && body.type !== 'batch')) {
      throw new HttpError(
        400,
        outcomeError(400, 'invalid', 'POST to the base needs a Bundle of type transaction or batch')
      );
    }
    const entries = body.entry ?? [];
    const refused = new Map();
    for (let i = 0; i < entries.length; i++) {
      const request = entries[i]?.request;
      if (request) {
        request.url = relativeEntryUrl(request.url, fhirBase);
        if (!options.conditionalCreate) {
          delete request.ifNoneExist;
        }
        if (request.ifMatch) {
          request.ifMatch = normalizeIfMatch(request.ifMatch);
        }
      }
      const refusal = refuseEntry(entries[i]);
      if (refusal) {
        refused.set(i, refusal);
      }
    }
    if (refused.size > 0 && body.type === 'transaction') {
      const [index, outcome] = refused.entries().next().value;
      throw new HttpError(405, withText(outcome, `Bundle.entry[${index}]: ${outcome.issue[0].details.text}`));
    }
    bundleRequest = { type: body.type, entries: entries.map((e) => deepClone(e)), refused, baseUrl: fhirBase };
    routerBody = { ...body, entry: entries.filter((_, i) => !refused.has(i)) };
    if (routerBody.entry.length === 0 && entries.length > 0) {
      // all refused: answer directly
      return send(res, 200, {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: entries.map((_, i) => ({
          response: { status: statusText(405), outcome: refused.get(i) },
        })),
      });
    }
  }

  const fhirRequest = {
    method,
    url: rel + url.search,
    pathname: '',
    body: routerBody,
    params: {},
    query: {},
    headers,
    config: { transactions: true, baseUrl: fhirBase },
  };
  const route = router.find(method, fhirRequest.url);
  const interaction = route?.data?.interaction;

  const [outcome, resource] = await serialized(async () => {
    const isTransaction = bundleRequest?.type === 'transaction';
    const snapshot = isTransaction ? repo.snapshot() : undefined;
    let result;
    try {
      result = await router.handleRequest(fhirRequest, repo);
    } catch (err) {
      result = [normalizeOperationOutcome(err)];
    }
    if (snapshot && !isOk(result[0])) {
      repo.restore(snapshot);
    }
    return result;
  });

  if (!isOk(outcome)) {
    return send(res, getStatus(outcome), outcome);
  }
  const status = getStatus(outcome);

  if (bundleRequest) {
    return send(res, 200, shapeBundleResponse(resource, bundleRequest, prefer));
  }

  switch (interaction) {
    case 'create':
    case 'update':
    case 'patch': {
      const headersOut = versionHeaders(resource);
      headersOut.Location = `${fhirBase}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
      if (prefer === 'minimal') {
        return send(res, status, undefined, headersOut);
      }
      if (prefer === 'operationoutcome') {
        return send(res, status, outcome, headersOut);
      }
      return send(res, status, resource, headersOut);
    }
    case 'read':
    case 'vread': {
      const headersOut = versionHeaders(resource);
      const ifNoneMatch = headers['if-none-match'];
      if (ifNoneMatch && headersOut.ETag && String(ifNoneMatch).replace(/^W\//, '') === headersOut.ETag.slice(2)) {
        return send(res, 304, undefined, { ETag: headersOut.ETag });
      }
      return send(res, 200, resource, headersOut);
    }
    case 'delete':
      return send(res, prefer === 'minimal' ? 204 : 200, withText(allOk, 'Deleted'));
    default:
      return send(res, status, resource ?? outcome);
  }
}

// transaction-response / batch-response shaped like HAPI: response.status as "201 Created",
// location Type/id/_history/vid, etag, lastModified; the resource only with
// Prefer: return=representation (GET entries always carry theirs).
function shapeBundleResponse(bundle, bundleRequest, prefer) {
  const answered = bundle.entry ?? [];
  const entry = [];
  let next = 0;
  for (let i = 0; i < bundleRequest.entries.length; i++) {
    const refusal = bundleRequest.refused.get(i);
    if (refusal) {
      entry.push({ response: { status: statusText(405), outcome: refusal } });
      continue;
    }
    const method = bundleRequest.entries[i]?.request?.method;
    const e = answered[next++] ?? {};
    const code = Number.parseInt(e.response?.status ?? '500', 10);
    const response = { status: statusText(code) };
    const ok = code < 300;
    const r = e.resource;
    if (ok && r?.meta?.versionId && r.id && r.resourceType !== 'Bundle') {
      if (method !== 'GET') {
        response.location = `${r.resourceType}/${r.id}/_history/${r.meta.versionId}`;
      }
      response.etag = `W/"${r.meta.versionId}"`;
      response.lastModified = r.meta.lastUpdated;
    }
    if (!ok || prefer === 'operationoutcome') {
      response.outcome = e.response?.outcome;
    }
    const out = {};
    if (ok && r && (method === 'GET' || prefer === 'representation')) {
      if (r.id && r.resourceType !== 'Bundle') {
        out.fullUrl = `${bundleRequest.baseUrl}/${r.resourceType}/${r.id}`;
      }
      out.resource = r;
    }
    out.response = response;
    entry.push(out);
  }
  return {
    resourceType: 'Bundle',
    id: generateId(),
    type: bundle.type ?? `${bundleRequest.type}-response`,
    entry,
  };
}

// ---------------------------------------------------------------------------------------------
// Server

let baseUrl;
const server = http.createServer((req, res) => {
  const started = Date.now();
  handle(req, res, baseUrl)
    .catch((err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        send(res, err.status, err.outcome);
      } else {
        const outcome = normalizeOperationOutcome(err);
        const status = err instanceof OperationOutcomeError ? getStatus(outcome) : 500;
        process.stderr.write(`server.mjs: ${req.method} ${req.url}: ${err?.stack ?? err}\n`);
        send(res, status, outcome);
      }
    })
    .finally(() => {
      if (options.verbose) {
        process.stderr.write(`${req.method} ${req.url} -> ${res.statusCode} (${Date.now() - started} ms)\n`);
      }
    });
});
server.keepAliveTimeout = 5000;

server.listen(options.port, options.host, () => {
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const shownHost = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  baseUrl = `http://${shownHost}:${address.port}`;
  process.stdout.write(`listening ${address.port}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
