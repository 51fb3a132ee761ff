/**
 * A local fake of HubSpot's CRM v3 API, as HubSpot documents it, for the sync's tests (runs in a
 * worker thread through tests/support/local-server.ts; plain JS, no dependencies). What it does,
 * and where each shape comes from:
 *
 * - Authentication: private-app tokens go in `Authorization: Bearer <token>`; a missing or wrong
 *   one answers 401 `{status: 'error', message, correlationId, category: 'INVALID_AUTHENTICATION'}`
 *   (developers.hubspot.com/docs/api-reference/error-handling; /docs/apps/legacy-apps/private-apps/overview).
 * - Objects (companies, deals): POST /crm/v3/objects/{type} `{properties, associations}` → 201 and
 *   the record `{id, properties, createdAt, updatedAt, archived: false}`; GET /{type}/{id}
 *   `?properties=a,b`; PATCH /{type}/{id} `{properties}` → 200 and the record; POST
 *   /{type}/batch/read `{inputs: [{id}], properties}` → `{status: 'COMPLETE', results}` (at most
 *   100 inputs). HubSpot keeps `hs_object_id`, `createdate`, `hs_lastmodifieddate` itself; a
 *   property that does not exist is a 400 VALIDATION_ERROR ("Property values were not valid",
 *   PROPERTY_DOESNT_EXIST). Values are strings in answers.
 *   (developers.hubspot.com/docs/api-reference/crm-deals-v3/guide, /crm-companies-v3/guide)
 * - Search: POST /crm/v3/objects/{type}/search `{filterGroups, sorts, properties, limit, after,
 *   query?}`: groups ORed, filters in a group ANDed; operators EQ, NEQ, LT, LTE, GT, GTE, BETWEEN,
 *   IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN, NOT_CONTAINS_TOKEN; at most 5
 *   groups, 6 filters a group and 18 in all (the search guide's numbers; a 2024 changelog raised
 *   them to 5/10/25, configurable here), `limit` at most 200 (a larger one is a 400), one sort;
 *   the answer `{total, results, paging: {next: {after}}}` with `after` an offset string; no more
 *   than 10,000 results a query (an `after` at or past it is a 400). EQ on a string property is
 *   case-insensitive, as HubSpot's search is. Dates compare as ms since the epoch.
 *   (developers.hubspot.com/docs/api-reference/search/guide)
 * - Associations: in the create body (`associations: [{to: {id}, types: [{associationCategory,
 *   associationTypeId}]}]`), v4 PUT /crm/v4/objects/{from}/{id}/associations/default/{to}/{toId}
 *   (the default, unlabelled association), and v4 GET /crm/v4/objects/{from}/{id}/associations/{to}
 *   → `{results: [{toObjectId, associationTypes: [{category, typeId, label}]}], paging?}` (500 a
 *   page). Deal → company is type 341, company → deal 342 (HubSpot's association type list).
 *   (developers.hubspot.com/docs/api-reference/crm-associations-v4/guide)
 * - Rate limits: 429 with `Retry-After` (seconds) and the documented body `{status: 'error',
 *   message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId,
 *   policyName: 'SECONDLY'}` (developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines).
 *   The tests arm it: the next N requests answer 429.
 *
 * Control routes for the test (no token): GET /__state (every record and association), GET
 * /__requests (method, path, body and whether a Bearer token came, never the token), POST
 * /__deal/{id} `{properties}` (a person changes a deal in HubSpot), POST /__seed `{deals,
 * companies, associations}`, POST /__arm `{rateLimited: n, retryAfter: s, failing: n, status}`,
 * POST /__config `{token}`.
 */

const STANDARD = {
  companies: ['name', 'domain', 'website', 'industry', 'city', 'country', 'phone', 'description', 'hs_object_id', 'createdate', 'hs_lastmodifieddate'],
  deals: ['dealname', 'amount', 'closedate', 'dealstage', 'pipeline', 'hubspot_owner_id', 'description', 'hs_object_id', 'createdate', 'hs_lastmodifieddate'],
};
const DEFAULT_PROPERTIES = {
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
};
const TYPE_IDS = { 'deals>companies': 341, 'companies>deals': 342 };
const DATE_PROPERTIES = new Set(['closedate', 'createdate', 'hs_lastmodifieddate']);

export function createHubSpotFake(data = {}) {
  const state = {
    token: data.token ?? 'pat-test-token',
    custom: { companies: data.companyProperties ?? [], deals: data.dealProperties ?? ['partner_tracker_partner_id', 'partner_tracker_lead_id'] },
    limits: { groups: 5, filtersPerGroup: 6, filters: 18, ...(data.limits ?? {}) },
    records: { companies: new Map(), deals: new Map() },
    /** `${fromType}:${fromId}` → Set of `${toType}:${toId}`. */
    links: new Map(),
    nextId: 1000,
    lastStamp: 0,
    rateLimited: 0,
    retryAfter: 1,
    failing: 0,
    failStatus: 502,
    requests: [],
  };

  const correlationId = () => `fake-${(++state.nextId).toString(16)}-${Date.now().toString(16)}`;
  const error = (status, message, category, extra = {}) => ({ status, body: { status: 'error', message, correlationId: correlationId(), category, ...extra } });
  // Each change gets a later timestamp than the last one, so sorts and cursors are exact.
  const stamp = () => (state.lastStamp = Math.max(Date.now(), state.lastStamp + 1));
  const iso = (ms) => new Date(ms).toISOString();

  function known(type, name) {
    return STANDARD[type].includes(name) || state.custom[type].includes(name);
  }

  function validateProperties(type, properties) {
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return error(400, 'Invalid input JSON: properties must be an object', 'VALIDATION_ERROR');
    const unknown = Object.keys(properties).filter((k) => !known(type, k));
    if (unknown.length)
      return error(
        400,
        `Property values were not valid: ${JSON.stringify(unknown.map((name) => ({ isValid: false, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name })))}`,
        'VALIDATION_ERROR',
      );
    return null;
  }

  function link(fromType, fromId, toType, toId) {
    const add = (a, b) => {
      const set = state.links.get(a) ?? new Set();
      set.add(b);
      state.links.set(a, set);
    };
    add(`${fromType}:${fromId}`, `${toType}:${toId}`);
    add(`${toType}:${toId}`, `${fromType}:${fromId}`);
  }

  function create(type, properties, at = stamp()) {
    const id = String(++state.nextId);
    const props = {};
    for (const [k, v] of Object.entries(properties ?? {})) props[k] = v === null ? null : String(v);
    if (type === 'deals' && props.closedate && /^\d+$/.test(props.closedate)) props.closedate = iso(Number(props.closedate));
    const record = { id, properties: { ...props, hs_object_id: id, createdate: iso(at), hs_lastmodifieddate: iso(at) }, createdAt: iso(at), updatedAt: iso(at), archived: false };
    state.records[type].set(id, record);
    return record;
  }

  function update(record, properties) {
    const at = stamp();
    for (const [k, v] of Object.entries(properties)) record.properties[k] = v === null || v === '' ? null : k === 'closedate' && /^\d+$/.test(String(v)) ? iso(Number(v)) : String(v);
    record.properties.hs_lastmodifieddate = iso(at);
    record.updatedAt = iso(at);
  }

  function view(record, type, asked) {
    const names = asked && asked.length ? asked : DEFAULT_PROPERTIES[type];
    const properties = {};
    for (const n of names) if (n in record.properties || known(type, n)) properties[n] = record.properties[n] ?? null;
    // HubSpot always answers these three.
    for (const n of ['hs_object_id', 'createdate', 'hs_lastmodifieddate']) properties[n] = record.properties[n];
    return { id: record.id, properties, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false };
  }

  const comparable = (name, v) => {
    if (v === null || v === undefined || v === '') return null;
    if (DATE_PROPERTIES.has(name)) return /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v));
    const n = Number(v);
    return String(v).trim() !== '' && Number.isFinite(n) ? n : String(v).toLowerCase();
  };

  function matches(record, f) {
    const raw = record.properties[f.propertyName];
    const has = raw !== null && raw !== undefined && raw !== '';
    const v = comparable(f.propertyName, raw);
    const want = comparable(f.propertyName, f.value);
    switch (f.operator) {
      case 'HAS_PROPERTY':
        return has;
      case 'NOT_HAS_PROPERTY':
        return !has;
      case 'EQ':
        return has && v === want;
      case 'NEQ':
        return v !== want;
      case 'LT':
        return has && v < want;
      case 'LTE':
        return has && v <= want;
      case 'GT':
        return has && v > want;
      case 'GTE':
        return has && v >= want;
      case 'BETWEEN':
        return has && v >= want && v <= comparable(f.propertyName, f.highValue);
      case 'IN':
        return has && (f.values ?? []).map((x) => comparable(f.propertyName, x)).includes(v);
      case 'NOT_IN':
        return !(f.values ?? []).map((x) => comparable(f.propertyName, x)).includes(v);
      case 'CONTAINS_TOKEN':
        return has && tokenMatch(String(raw), String(f.value ?? ''));
      case 'NOT_CONTAINS_TOKEN':
        return !has || !tokenMatch(String(raw), String(f.value ?? ''));
      default:
        return false;
    }
  }

  function tokenMatch(text, token) {
    const words = text.toLowerCase().split(/[^a-z0-9@.*_-]+/);
    const t = token.toLowerCase();
    if (t.startsWith('*')) return words.some((w) => w.endsWith(t.slice(1)));
    if (t.endsWith('*')) return words.some((w) => w.startsWith(t.slice(0, -1)));
    return words.includes(t);
  }

  const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

  function search(type, body) {
    const groups = body.filterGroups ?? [];
    const total = groups.reduce((n, g) => n + (g.filters ?? []).length, 0);
    if (groups.length > state.limits.groups) return error(400, `There were ${groups.length} filter groups; the maximum is ${state.limits.groups}`, 'VALIDATION_ERROR');
    if (groups.some((g) => (g.filters ?? []).length > state.limits.filtersPerGroup)) return error(400, `A filter group has more than ${state.limits.filtersPerGroup} filters`, 'VALIDATION_ERROR');
    if (total > state.limits.filters) return error(400, `There were ${total} filters; the maximum is ${state.limits.filters}`, 'VALIDATION_ERROR');
    for (const g of groups)
      for (const f of g.filters ?? []) {
        if (!OPERATORS.has(f.operator)) return error(400, `Unknown operator ${f.operator}`, 'VALIDATION_ERROR');
        if (!known(type, f.propertyName)) return error(400, `Property ${f.propertyName} does not exist`, 'VALIDATION_ERROR');
      }
    const limit = body.limit === undefined ? 10 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > 200) return error(400, `limit must be from 0 to 200, got ${body.limit}`, 'VALIDATION_ERROR');
    const offset = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
    if (!Number.isInteger(offset) || offset < 0) return error(400, `after must be a paging cursor, got ${body.after}`, 'VALIDATION_ERROR');
    if (offset >= 10000) return error(400, 'The search API returns at most 10,000 results for a query', 'VALIDATION_ERROR');
    let found = [...state.records[type].values()].filter((r) => !r.archived && (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(r, f)))));
    const sorts = body.sorts ?? [];
    if (sorts.length > 1) return error(400, 'Only one sort is allowed', 'VALIDATION_ERROR');
    if (sorts.length === 1) {
      const s = typeof sorts[0] === 'string' ? { propertyName: sorts[0].replace(/^-/, ''), direction: sorts[0].startsWith('-') ? 'DESCENDING' : 'ASCENDING' } : sorts[0];
      const sign = s.direction === 'DESCENDING' ? -1 : 1;
      found = found.sort((a, b) => {
        const x = comparable(s.propertyName, a.properties[s.propertyName]);
        const y = comparable(s.propertyName, b.properties[s.propertyName]);
        return sign * (x === y ? Number(a.id) - Number(b.id) : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
      });
    } else found = found.sort((a, b) => Number(a.id) - Number(b.id));
    const cap = Math.min(found.length, 10000);
    const page = found.slice(offset, Math.min(offset + limit, cap));
    const next = offset + limit < cap ? { paging: { next: { after: String(offset + limit) } } } : {};
    return { status: 200, body: { total: found.length, results: page.map((r) => view(r, type, body.properties)), ...next } };
  }

  function route(method, path, query, body) {
    let m;
    if ((m = /^\/crm\/v3\/objects\/(companies|deals)\/search$/.exec(path)) && method === 'POST') return search(m[1], body ?? {});
    if ((m = /^\/crm\/v3\/objects\/(companies|deals)\/batch\/read$/.exec(path)) && method === 'POST') {
      const inputs = body?.inputs ?? [];
      if (inputs.length > 100) return error(400, 'Batch read takes at most 100 inputs', 'VALIDATION_ERROR');
      const results = inputs.map((i) => state.records[m[1]].get(String(i.id))).filter(Boolean);
      return { status: 200, body: { status: 'COMPLETE', results: results.map((r) => view(r, m[1], body.properties)), startedAt: iso(Date.now()), completedAt: iso(Date.now()) } };
    }
    if ((m = /^\/crm\/v3\/objects\/(companies|deals)$/.exec(path)) && method === 'POST') {
      const bad = validateProperties(m[1], body?.properties ?? {});
      if (bad) return bad;
      for (const a of body.associations ?? []) {
        const toType = m[1] === 'deals' ? 'companies' : 'deals';
        if (!state.records[toType].has(String(a.to?.id))) return error(400, `No ${toType} with ID ${a.to?.id} to associate`, 'VALIDATION_ERROR');
        const typeId = a.types?.[0]?.associationTypeId;
        if (typeId !== TYPE_IDS[`${m[1]}>${toType}`]) return error(400, `association type ${typeId} does not go from ${m[1]} to ${toType}`, 'VALIDATION_ERROR');
      }
      const record = create(m[1], body.properties);
      for (const a of body.associations ?? []) link(m[1], record.id, m[1] === 'deals' ? 'companies' : 'deals', String(a.to.id));
      return { status: 201, body: view(record, m[1], Object.keys(record.properties)) };
    }
    if ((m = /^\/crm\/v3\/objects\/(companies|deals)\/([^/]+)$/.exec(path))) {
      const record = state.records[m[1]].get(m[2]);
      if (!record) return error(404, 'resource not found', 'OBJECT_NOT_FOUND');
      if (method === 'GET') return { status: 200, body: view(record, m[1], query.get('properties')?.split(',')) };
      if (method === 'PATCH') {
        const bad = validateProperties(m[1], body?.properties ?? {});
        if (bad) return bad;
        update(record, body.properties);
        return { status: 200, body: view(record, m[1], Object.keys(record.properties)) };
      }
    }
    if ((m = /^\/crm\/v4\/objects\/(companies|deals)\/([^/]+)\/associations\/default\/(companies|deals)\/([^/]+)$/.exec(path)) && method === 'PUT') {
      if (!state.records[m[1]].has(m[2]) || !state.records[m[3]].has(m[4])) return error(404, 'resource not found', 'OBJECT_NOT_FOUND');
      link(m[1], m[2], m[3], m[4]);
      return {
        status: 200,
        body: { status: 'COMPLETE', results: [{ from: { id: m[2] }, to: { id: m[4] }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TYPE_IDS[`${m[1]}>${m[3]}`] } }] },
      };
    }
    if ((m = /^\/crm\/v4\/objects\/(companies|deals)\/([^/]+)\/associations\/(companies|deals)$/.exec(path)) && method === 'GET') {
      if (!state.records[m[1]].has(m[2])) return error(404, 'resource not found', 'OBJECT_NOT_FOUND');
      const all = [...(state.links.get(`${m[1]}:${m[2]}`) ?? [])].filter((k) => k.startsWith(`${m[3]}:`)).map((k) => k.slice(m[3].length + 1));
      const limit = Math.min(Number(query.get('limit') ?? 500) || 500, 500);
      const offset = Number(query.get('after') ?? 0) || 0;
      const page = all.slice(offset, offset + limit).map((id) => ({ toObjectId: Number(id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: TYPE_IDS[`${m[1]}>${m[3]}`], label: null }] }));
      return { status: 200, body: { results: page, ...(offset + limit < all.length ? { paging: { next: { after: String(offset + limit) } } } : {}) } };
    }
    return error(404, `No route for ${method} ${path}`, 'OBJECT_NOT_FOUND');
  }

  function control(method, path, body) {
    if (path === '/__state')
      return {
        status: 200,
        body: { companies: [...state.records.companies.values()], deals: [...state.records.deals.values()], links: Object.fromEntries([...state.links].map(([k, v]) => [k, [...v]])) },
      };
    if (path === '/__requests') return { status: 200, body: state.requests };
    if (path === '/__arm' && method === 'POST') {
      if (body.rateLimited !== undefined) state.rateLimited = Number(body.rateLimited);
      if (body.retryAfter !== undefined) state.retryAfter = body.retryAfter;
      if (body.failing !== undefined) state.failing = Number(body.failing);
      if (body.status !== undefined) state.failStatus = Number(body.status);
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__config' && method === 'POST') {
      if (body.token !== undefined) state.token = body.token;
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__reset-requests' && method === 'POST') {
      state.requests = [];
      return { status: 200, body: { ok: true } };
    }
    if (path === '/__reset' && method === 'POST') {
      state.records.companies.clear();
      state.records.deals.clear();
      state.links.clear();
      state.requests = [];
      state.rateLimited = 0;
      state.failing = 0;
      return { status: 200, body: { ok: true } };
    }
    let m;
    if ((m = /^\/__deal\/([^/]+)$/.exec(path)) && method === 'POST') {
      const record = state.records.deals.get(m[1]);
      if (!record) return { status: 404, body: { error: `no deal ${m[1]}` } };
      update(record, body.properties ?? {});
      return { status: 200, body: record };
    }
    if (path === '/__seed' && method === 'POST') {
      const ids = {};
      for (const c of body.companies ?? []) ids[c.key ?? c.properties.name] = create('companies', c.properties).id;
      for (const d of body.deals ?? []) {
        const deal = create('deals', d.properties);
        ids[d.key ?? d.properties.dealname] = deal.id;
        if (d.company) link('deals', deal.id, 'companies', ids[d.company] ?? d.company);
      }
      return { status: 200, body: ids };
    }
    return { status: 404, body: { error: `no control route ${method} ${path}` } };
  }

  /** One request: (method, url, headers, body text) → {status, headers, body text}. */
  function handle(method, url, headers, text) {
    const u = new URL(url, 'http://fake');
    let body = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return reply(error(400, 'Invalid input JSON on line 1', 'VALIDATION_ERROR'));
      }
    }
    if (u.pathname.startsWith('/__')) return reply(control(method, u.pathname, body ?? {}));
    const auth = String(headers.authorization ?? '');
    state.requests.push({ method, path: u.pathname + u.search, body, bearer: auth.startsWith('Bearer ') });
    if (auth !== `Bearer ${state.token}`)
      return reply(
        error(
          401,
          'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
          'INVALID_AUTHENTICATION',
        ),
      );
    if (state.rateLimited > 0) {
      state.rateLimited--;
      return reply(
        { status: 429, body: { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName: 'SECONDLY' } },
        { 'Retry-After': String(state.retryAfter) },
      );
    }
    if (state.failing > 0) {
      state.failing--;
      return reply(error(state.failStatus, 'internal error', 'INTERNAL_ERROR'));
    }
    return reply(route(method, u.pathname, u.searchParams, body));
  }

  function reply(r, extra = {}) {
    return { status: r.status, headers: { 'Content-Type': 'application/json;charset=utf-8', ...extra }, body: JSON.stringify(r.body) };
  }

  return { handle, state };
}

/** A node:http request listener over the fake (what local-server.ts serves). */
export function hubSpotListener(data) {
  const fake = createHubSpotFake(data);
  return (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const r = fake.handle(req.method, req.url, req.headers, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    });
  };
}

export default hubSpotListener;

// Run as a worker by tests/support/local-server.ts: listen, then say on which port.
const { parentPort, workerData } = await import('node:worker_threads');
if (parentPort) {
  const { createServer } = await import('node:http');
  const server = createServer(hubSpotListener(workerData ?? {}));
  server.listen(workerData?.port ?? 0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
}
