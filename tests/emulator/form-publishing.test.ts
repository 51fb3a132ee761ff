import { Emulator, SavedWorkspace } from '../../emulator';
import { NOT_PUBLISHED, UNPUBLISHED_OPERATION } from '../../emulator/services/forms';
import { submitAsRespondent } from '../../emulator/workspace/forms-view';
import { ACTIVE_SPREADSHEET, PublishableForm, makeWorld } from './services/context-for-tests';

/**
 * Forms created through Google's APIs after 30 June 2026 start unpublished and take no
 * responses until published (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms);
 * the emulator's FormApp.create does the same unless options.formsStartPublished.
 */
const SCRIPT = `
function createForm(publish) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var form = FormApp.create('Register a lead');
  form.addTextItem().setTitle('Company').setRequired(true);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  ScriptApp.newTrigger('onLead').forSpreadsheet(ss).onFormSubmit().create();
  if (publish) form.setPublished(true);
  return form.getId();
}
function state(formId) {
  var form = FormApp.openById(formId);
  return { published: form.isPublished(), accepting: form.isAcceptingResponses() };
}
function publish(formId, on) { FormApp.openById(formId).setPublished(on); }
function tryUrl(formId) {
  try { return FormApp.openById(formId).getPublishedUrl(); } catch (e) { return e.name + ': ' + e.message; }
}
function tryAccepting(formId, on) {
  try { FormApp.openById(formId).setAcceptingResponses(on); return 'ok'; } catch (e) { return e.name + ': ' + e.message; }
}
var leads = 0;
function onLead() { leads++; }
function leadCount() { return leads; }
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}) {
  const emu = new Emulator(options);
  emu.clock.set('2026-07-01T09:00:00Z');
  emu.loadBundle(SCRIPT);
  return emu;
}

const responseRows = (emu: Emulator) => emu.spreadsheet().sheetByName('Form Responses 1')?.lastRow();

describe('Forms start unpublished', () => {
  test('FormApp.create makes an unpublished form: not accepting, a respondent is refused and nothing is written or fired', () => {
    const emu = setUp();
    const formId = emu.run('createForm', [false]) as string;
    expect(emu.run('state', [formId])).toEqual({ published: false, accepting: false });
    const result = emu.submitForm(formId, { Company: 'Acme' });
    expect(result).toEqual({ accepted: false, errors: [{ item: '', reason: NOT_PUBLISHED }] });
    expect(responseRows(emu)).toBe(1);
    expect(emu.run('leadCount')).toBe(0);
    expect(emu.services.forms.get(formId)?.responses).toHaveLength(0);
  });

  test("the workspace's Forms panel goes through the same refusal", () => {
    const emu = setUp();
    const formId = emu.run('createForm', [false]) as string;
    expect(submitAsRespondent(emu, formId, { answers: { Company: 'Acme' } })).toEqual({
      accepted: false,
      errors: [{ itemId: null, field: 'form', title: '', reason: NOT_PUBLISHED }],
    });
    expect(responseRows(emu)).toBe(1);
  });

  test('setPublished(true) opens it: accepting, responses arrive and triggers fire; setPublished(false) closes it again', () => {
    const emu = setUp();
    const formId = emu.run('createForm', [false]) as string;
    emu.run('publish', [formId, true]);
    expect(emu.run('state', [formId])).toEqual({ published: true, accepting: true });
    expect(emu.submitForm(formId, { Company: 'Acme' })).toMatchObject({ accepted: true, row: 2 });
    expect(emu.run('leadCount')).toBe(1);
    emu.run('publish', [formId, false]);
    expect(emu.run('state', [formId])).toEqual({ published: false, accepting: false });
    expect(emu.submitForm(formId, { Company: 'Beta' })).toEqual({ accepted: false, errors: [{ item: '', reason: NOT_PUBLISHED }] });
    expect(responseRows(emu)).toBe(2);
  });

  test('setAcceptingResponses and isAcceptingResponses keep working on a published form', () => {
    const emu = setUp();
    const formId = emu.run('createForm', [true]) as string;
    expect(emu.run('tryAccepting', [formId, false])).toBe('ok');
    expect(emu.run('state', [formId])).toEqual({ published: true, accepting: false });
    expect(emu.submitForm(formId, { Company: 'Acme' })).toEqual({ accepted: false, errors: [{ item: '', reason: 'This form is no longer accepting responses.' }] });
    expect(emu.run('tryAccepting', [formId, true])).toBe('ok');
    expect(emu.submitForm(formId, { Company: 'Acme' })).toMatchObject({ accepted: true });
  });

  test('on an unpublished form setAcceptingResponses and getPublishedUrl throw, as users report (formsUnpublishedOperationsThrow)', () => {
    const emu = setUp();
    const formId = emu.run('createForm', [false]) as string;
    expect(emu.run('tryAccepting', [formId, true])).toBe(`Exception: ${UNPUBLISHED_OPERATION}`);
    expect(emu.run('tryUrl', [formId])).toBe(`Exception: ${UNPUBLISHED_OPERATION}`);
    emu.run('publish', [formId, true]);
    expect(emu.run('tryUrl', [formId])).toBe(`https://docs.google.com/forms/d/e/${formId}/viewform`);

    const lenient = setUp({ formsUnpublishedOperationsThrow: false });
    const other = lenient.run('createForm', [false]) as string;
    expect(lenient.run('tryAccepting', [other, true])).toBe('ok');
    expect(lenient.run('state', [other])).toEqual({ published: false, accepting: false });
    expect(lenient.run('tryUrl', [other])).toMatch(/\/viewform$/);
    expect(lenient.submitForm(other, { Company: 'Acme' })).toMatchObject({ accepted: false });
  });

  test('formsStartPublished: true gives the old behaviour', () => {
    const emu = setUp({ formsStartPublished: true });
    const formId = emu.run('createForm', [false]) as string;
    expect(emu.run('state', [formId])).toEqual({ published: true, accepting: true });
    expect(emu.submitForm(formId, { Company: 'Acme' })).toMatchObject({ accepted: true });
  });

  test('saved and loaded with the workspace; forms saved before publishing existed load as published', () => {
    const emu = setUp({ projectKind: 'bound-script' }); // two form-submit triggers in one document
    const closed = emu.run('createForm', [false]) as string;
    const open = emu.run('createForm', [true]) as string;
    const saved = JSON.parse(JSON.stringify(emu.toJSON())) as SavedWorkspace;
    const loaded = Emulator.fromJSON(saved);
    loaded.loadBundle(SCRIPT);
    expect(loaded.run('state', [closed])).toEqual({ published: false, accepting: false });
    expect(loaded.run('state', [open])).toEqual({ published: true, accepting: true });

    const legacy = JSON.parse(JSON.stringify(saved)) as SavedWorkspace & { services: { forms: { forms: Array<Record<string, unknown>> } } };
    for (const f of legacy.services.forms.forms) delete f.published;
    legacy.services.forms.forms[0].acceptingResponses = true;
    const old = Emulator.fromJSON(legacy);
    old.loadBundle(SCRIPT);
    expect(old.run('state', [closed])).toEqual({ published: true, accepting: true });
  });

  test('the service on its own: counted calls', () => {
    const w = makeWorld();
    const form = w.g.FormApp.create('F') as PublishableForm;
    form.addTextItem().setTitle('Q');
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    expect(form.isPublished()).toBe(false);
    expect(w.services.forms.submit(form.getId(), { Q: 'a' })).toMatchObject({ accepted: false });
    expect(form.setPublished(true)).toBe(form);
    expect(w.services.forms.submit(form.getId(), { Q: 'a' })).toMatchObject({ accepted: true });
    expect(w.ctx.calls.get('Form.setPublished')).toBe(1);
    expect(w.ctx.calls.get('Form.isPublished')).toBe(1);
  });
});
