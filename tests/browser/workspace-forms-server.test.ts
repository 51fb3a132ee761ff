import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FormSubmitResponse, FormSummary, FormView, MenuRunResponse, WorkspaceState } from '../../emulator/workspace/api-types';
import type { SavedWorkspace } from '../../emulator';
import { RunningWorkspace, startWorkspace } from '../../emulator/workspace/server';

/**
 * The workspace's Forms endpoints over HTTP, with a fixture add-on whose menu item
 * creates a partner form (destination: this spreadsheet; an onFormSubmit trigger
 * that copies each registration into a Leads tab): the list, one form's rendering
 * model, and submitting as a respondent through Emulator.submitForm.
 */
const fixtureBuild = path.join(__dirname, 'fixtures', 'forms-addon');
let dir: string;
let stateFile: string;
let workspace: RunningWorkspace;
let formId: string;

async function get<T>(route: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(route, workspace.url));
  return { status: response.status, body: (await response.json()) as T };
}

async function post<T>(route: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(route, workspace.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

function tab(name: string): string[][] {
  const sheet = workspace.emulator.workbookView().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows;
}

function savedForms(): SavedWorkspace['services'] {
  return (JSON.parse(readFileSync(stateFile, 'utf8')) as SavedWorkspace).services;
}

/** Answers keyed by question id, as the page sends them. */
async function answersFor(byTitle: Record<string, string>): Promise<Record<string, string>> {
  const { body } = await get<FormView>(`/api/forms/${formId}`);
  return Object.fromEntries(body.items.map((item) => [String(item.id), byTitle[item.title] ?? '']));
}

const GOOD = {
  'Partner code': 'P-0042',
  Company: 'Acme <b>Ltd</b>',
  'Contact email': 'ana@acme.example',
  Product: 'Analytics Add-on',
  Region: 'EMEA',
  'Estimated deal value': '12000',
};

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'workspace-forms-'));
  stateFile = path.join(dir, 'workspace.json');
  workspace = await startWorkspace({ port: 0, stateFile, buildDir: fixtureBuild });
  // The person runs the add-on's menu item, as they would in Sheets.
  const created = await post<MenuRunResponse>('/api/menu', { functionName: 'createPartnerForm' });
  expect(created.body.ok).toBe(true);
  formId = workspace.emulator.services.forms.list()[0].id;
});

afterEach(async () => {
  await workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('workspace forms endpoints', () => {
  test('GET /api/forms lists the forms: title, description, accepting, destination, responses; the state carries the same list', async () => {
    const { status, body } = await get<{ forms: FormSummary[] }>('/api/forms');
    expect(status).toBe(200);
    expect(body.forms).toEqual([
      {
        id: formId,
        title: 'Partner lead registration',
        description: 'Register a deal you are working on. Accepted registrations are protected for 90 days.',
        published: true,
        acceptingResponses: true,
        destination: { spreadsheetId: workspace.emulator.store.activeId, spreadsheetName: 'Partner Programme', sheetName: 'Form Responses 1', isThisSpreadsheet: true },
        responseCount: 0,
        publishedUrl: `https://docs.google.com/forms/d/e/${formId}/viewform`,
      },
    ]);
    const state = (await get<WorkspaceState>('/api/state')).body;
    expect(state.forms).toEqual(body.forms);
  });

  test('GET /api/forms/{id} is the rendering model: each item with kind, help text, required, choices, validation', async () => {
    const { status, body } = await get<FormView>(`/api/forms/${formId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: formId, title: 'Partner lead registration', confirmationMessage: 'Your response has been recorded.', collectsEmail: false });
    expect(body.items.map((i) => [i.kind, i.title, i.required])).toEqual([
      ['TEXT', 'Partner code', true],
      ['TEXT', 'Company', true],
      ['TEXT', 'Company website', false],
      ['TEXT', 'Contact name', false],
      ['TEXT', 'Contact email', true],
      ['LIST', 'Product', true],
      ['MULTIPLE_CHOICE', 'Region', false],
      ['TEXT', 'Estimated deal value', false],
      ['PARAGRAPH_TEXT', 'Notes', false],
    ]);
    const byTitle = Object.fromEntries(body.items.map((i) => [i.title, i]));
    expect(byTitle['Partner code'].helpText).toBe('The code in your partner welcome email, e.g. P-0042.');
    expect(byTitle['Contact email'].validation).toEqual({ rule: 'EMAIL', args: [], helpText: '' });
    expect(byTitle['Estimated deal value'].validation).toEqual({ rule: 'NUMBER_GTE', args: [0], helpText: 'Enter an amount of 0 or more.' });
    expect(byTitle.Product.choices).toEqual(['Core Platform', 'Analytics Add-on', 'Enterprise Suite']);
    expect(byTitle.Region).toMatchObject({ choices: ['EMEA', 'AMER', 'APAC'], otherOption: false });
    expect(body.items.every((i) => Number.isInteger(i.id))).toBe(true);
  });

  test('a refused submission: the errors beside their questions, nothing written, no trigger run', async () => {
    const runsBefore = workspace.emulator.services.triggers.runs.length;
    const answers = await answersFor({ ...GOOD, 'Partner code': '   ', 'Contact email': 'ana at acme', 'Estimated deal value': '-5' });
    const { status, body } = await post<FormSubmitResponse>(`/api/forms/${formId}/submit`, { answers });
    expect(status).toBe(200);
    const items = (await get<FormView>(`/api/forms/${formId}`)).body.items;
    const idOf = (title: string) => items.find((i) => i.title === title)?.id;
    expect(body).toEqual({
      accepted: false,
      errors: [
        { itemId: idOf('Partner code'), field: 'item', title: 'Partner code', reason: 'This is a required question' },
        { itemId: idOf('Contact email'), field: 'item', title: 'Contact email', reason: 'Must be an email' },
        { itemId: idOf('Estimated deal value'), field: 'item', title: 'Estimated deal value', reason: 'Enter an amount of 0 or more.' },
      ],
      effects: { alerts: [], toasts: [], sidebar: null, dialog: null },
    });
    expect(tab('Form Responses 1')).toHaveLength(1);
    expect(tab('Leads')).toHaveLength(1);
    expect(workspace.emulator.services.triggers.runs).toHaveLength(runsBefore);
    expect((await get<{ forms: FormSummary[] }>('/api/forms')).body.forms[0].responseCount).toBe(0);
  });

  test('an accepted submission writes the response row into the destination sheet, runs the trigger, and is saved', async () => {
    const { status, body } = await post<FormSubmitResponse>(`/api/forms/${formId}/submit`, { answers: await answersFor(GOOD) });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      accepted: true,
      responseId: expect.stringMatching(/\S/),
      confirmationMessage: 'Your response has been recorded.',
      written: { spreadsheetId: workspace.emulator.store.activeId, sheetName: 'Form Responses 1', row: 2 },
      runs: [{ handler: 'onPartnerFormSubmit', ok: true }],
    });
    const responses = tab('Form Responses 1');
    expect(responses[0]).toEqual(['Timestamp', 'Partner code', 'Company', 'Company website', 'Contact name', 'Contact email', 'Product', 'Region', 'Estimated deal value', 'Notes']);
    expect(responses[1][0]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}$/);
    expect(responses[1].slice(1)).toEqual(['P-0042', 'Acme <b>Ltd</b>', '', '', 'ana@acme.example', 'Analytics Add-on', 'EMEA', '12000', '']);
    // What the add-on's trigger did with the event: the lead is in the Leads tab.
    expect(tab('Leads')[1]).toEqual(['L-1', 'P-0042', 'Acme <b>Ltd</b>', 'ana@acme.example', 'Analytics Add-on', 'Form Responses 1', '2']);

    // Saved after the submit, like every mutating request; a restart keeps it.
    const forms = (savedForms() as { forms: { forms: Array<{ responses: unknown[] }> } }).forms.forms;
    expect(forms[0].responses).toHaveLength(1);
    await workspace.close();
    workspace = await startWorkspace({ port: 0, stateFile, buildDir: fixtureBuild });
    expect((await get<{ forms: FormSummary[] }>('/api/forms')).body.forms[0].responseCount).toBe(1);
    expect(tab('Leads')).toHaveLength(2);
  });

  test("answers may be keyed by question title; a form's own confirmation message is returned", async () => {
    const newsletter = workspace.emulator.run('createEmailForm') as string;
    const missing = await post<FormSubmitResponse>(`/api/forms/${newsletter}/submit`, { answers: { Name: 'Ana' } });
    expect(missing.body).toMatchObject({ accepted: false, errors: [{ itemId: null, field: 'email', title: 'Email', reason: 'This is a required question' }] });
    const ok = await post<FormSubmitResponse>(`/api/forms/${newsletter}/submit`, { answers: { Name: 'Ana' }, respondentEmail: 'ana@acme.example' });
    expect(ok.body).toMatchObject({ accepted: true, confirmationMessage: 'Thanks, you are subscribed.', written: null, runs: [] });
  });

  test('a failing trigger is reported with its message; the response stands', async () => {
    // A second form-submit trigger for this user in this document: beyond an add-on's limit, so lift it.
    workspace.emulator.services.triggers.setAddonTriggerLimits(false);
    workspace.emulator.run('installFailingTrigger');
    const { body } = await post<FormSubmitResponse>(`/api/forms/${formId}/submit`, { answers: await answersFor(GOOD) });
    expect(body).toMatchObject({
      accepted: true,
      runs: [
        { handler: 'onPartnerFormSubmit', ok: true },
        { handler: 'failingHandler', ok: false, error: 'Audit log is full' },
      ],
    });
    expect(tab('Form Responses 1')).toHaveLength(2);
  });

  test("an unpublished form is listed as such and refuses as a whole, in the emulator's (guessed) words", async () => {
    workspace.emulator.run('unpublish', [formId]);
    const { body } = await post<FormSubmitResponse>(`/api/forms/${formId}/submit`, { answers: await answersFor(GOOD) });
    expect(body).toMatchObject({ accepted: false, errors: [{ itemId: null, field: 'form', reason: expect.stringMatching(/^This form is not published/) }] });
    expect((await get<FormView>(`/api/forms/${formId}`)).body).toMatchObject({ published: false, acceptingResponses: false });
    workspace.emulator.run('publish', [formId]);
  });

  test('a form that stopped accepting responses refuses as a whole', async () => {
    workspace.emulator.run('stopAccepting', [formId]);
    const { body } = await post<FormSubmitResponse>(`/api/forms/${formId}/submit`, { answers: await answersFor(GOOD) });
    expect(body).toMatchObject({ accepted: false, errors: [{ itemId: null, field: 'form', title: '', reason: 'This form is no longer accepting responses.' }] });
    expect((await get<FormView>(`/api/forms/${formId}`)).body.acceptingResponses).toBe(false);
  });

  test('an unknown form id is a 404 with a clear message, for the model and for a submission', async () => {
    const model = await get<{ error: string }>('/api/forms/1NoSuchForm');
    expect(model).toEqual({ status: 404, body: { error: 'There is no form with ID 1NoSuchForm.' } });
    const submit = await post<{ error: string }>('/api/forms/1NoSuchForm/submit', { answers: {} });
    expect(submit).toEqual({ status: 404, body: { error: 'There is no form with ID 1NoSuchForm.' } });
  });

  test('malformed and cross-site submissions are refused', async () => {
    const route = `/api/forms/${formId}/submit`;
    expect(await post(route, { answers: ['P-1'] })).toEqual({ status: 400, body: { error: '"answers" must be an object mapping question IDs to answers.' } });
    expect((await post(route, { answers: { Company: 42 } })).status).toBe(400);
    expect((await post(route, { answers: {}, respondentEmail: 7 })).status).toBe(400);
    expect((await post(route, { answers: await answersFor(GOOD) }, { Origin: 'https://evil.example' })).status).toBe(403);
    const plain = await fetch(new URL(route, workspace.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    expect(tab('Form Responses 1')).toHaveLength(1);
  });
});
