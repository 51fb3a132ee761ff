import { ACTIVE_SPREADSHEET, makeWorld, published, TestWorld, FakeRange } from './context-for-tests';

function buildForm(w: TestWorld) {
  const { g } = w;
  const form = published(g.FormApp.create('Partner application'));
  form.setDescription('Apply to the programme').setConfirmationMessage('Thanks!');
  form.addTextItem().setTitle('Company').setRequired(true);
  form.addTextItem().setTitle('Contact email').setRequired(true).setValidation(g.FormApp.createTextValidation().requireTextIsEmail().setHelpText('Enter a valid email').build());
  form.addListItem().setTitle('Tier').setChoiceValues(['Gold', 'Silver']).setRequired(true);
  form.addParagraphTextItem().setTitle('Notes');
  return form;
}

describe('FormApp', () => {
  test('create and edit a form', () => {
    const w = makeWorld();
    const form = buildForm(w);
    expect(form.getTitle()).toBe('Partner application');
    expect(form.getDescription()).toBe('Apply to the programme');
    expect(form.getPublishedUrl()).toBe(`https://docs.google.com/forms/d/e/${form.getId()}/viewform`);
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    const items = form.getItems();
    expect(items.map((i) => [i.getTitle(), String(i.getType()), i.getIndex()])).toEqual([
      ['Company', 'TEXT', 0],
      ['Contact email', 'TEXT', 1],
      ['Tier', 'LIST', 2],
      ['Notes', 'PARAGRAPH_TEXT', 3],
    ]);
    expect(items[0].getType()).toBe(w.g.FormApp.ItemType.TEXT);
    expect(
      items[2]
        .asListItem()
        .getChoices()
        .map((c) => c.getValue()),
    ).toEqual(['Gold', 'Silver']);
    expect(items[0].asTextItem().isRequired()).toBe(true);
    expect(() => items[0].asListItem()).toThrow('Invalid conversion for item type: TEXT');
    expect(form.getItems(w.g.FormApp.ItemType.LIST)).toHaveLength(1);
    const list = items[2].asListItem();
    list.setChoices([list.createChoice('Platinum'), list.createChoice('Gold')]);
    expect(list.getChoices().map((c) => c.getValue())).toEqual(['Platinum', 'Gold']);
    form.deleteItem(3);
    expect(form.getItems()).toHaveLength(3);
    expect(w.g.FormApp.openById(form.getId()).getTitle()).toBe('Partner application');
    expect(() => w.g.FormApp.openById('nope')).toThrow(/No item with the given ID/);
    expect(form.isAcceptingResponses()).toBe(true);
  });

  test('setDestination adds a responses sheet with Timestamp + item titles; later items add headers', () => {
    const w = makeWorld();
    const form = buildForm(w);
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    expect(form.getDestinationId()).toBe(ACTIVE_SPREADSHEET);
    expect(form.getDestinationType()).toBe(w.g.FormApp.DestinationType.SPREADSHEET);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[0]).toEqual(['Timestamp', 'Company', 'Contact email', 'Tier', 'Notes']);
    form.addMultipleChoiceItem().setTitle('Region').setChoiceValues(['EMEA', 'AMER']);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[0]).toEqual(['Timestamp', 'Company', 'Contact email', 'Tier', 'Notes', 'Region']);
    form.removeDestination();
    expect(() => form.getDestinationId()).toThrow(/response destination/);
    expect(() => form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, 'missing')).toThrow('Invalid argument: id');
  });

  test('a partner submission writes the row and fires the spreadsheet trigger with the documented event', () => {
    const w = makeWorld({ spreadsheetTimeZone: 'Etc/UTC' });
    const form = buildForm(w);
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    const events: Array<Record<string, unknown>> = [];
    w.script.define('onPartnerSubmit', (e: Record<string, unknown>) => {
      events.push(e);
    });
    const trigger = w.g.ScriptApp.newTrigger('onPartnerSubmit').forSpreadsheet(ACTIVE_SPREADSHEET).onFormSubmit().create();

    const result = w.services.forms.submit(form.getId(), { Company: 'Acme', 'Contact email': 'jo@acme.test', Tier: 'Gold' });
    expect(result).toMatchObject({ accepted: true, row: 2, spreadsheetId: ACTIVE_SPREADSHEET, sheetName: 'Form Responses 1' });
    const row = w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[1];
    expect(row[0]).toEqual(new Date('2024-03-15T12:00:00.000Z'));
    expect(row.slice(1)).toEqual(['Acme', 'jo@acme.test', 'Gold', '']);

    expect(events).toHaveLength(1);
    const e = events[0];
    expect(Object.keys(e).sort()).toEqual(['authMode', 'namedValues', 'range', 'triggerUid', 'values']);
    expect(e.authMode).toBe(w.g.ScriptApp.AuthMode.FULL);
    expect(e.triggerUid).toBe(trigger.getUniqueId());
    expect(e.values).toEqual(['3/15/2024 12:00:00', 'Acme', 'jo@acme.test', 'Gold', '']);
    expect(e.namedValues).toEqual({
      Timestamp: ['3/15/2024 12:00:00'],
      Company: ['Acme'],
      'Contact email': ['jo@acme.test'],
      Tier: ['Gold'],
      Notes: [''],
    });
    expect(e.range as FakeRange).toEqual({ fake: 'range', spreadsheetId: ACTIVE_SPREADSHEET, sheetName: 'Form Responses 1', row: 2, column: 1, numRows: 1, numColumns: 5 });
    expect(w.script.invocations[0]).toMatchObject({ name: 'onPartnerSubmit', authMode: 'FULL', user: 'owner@example.com', origin: 'trigger:formSubmit' });

    const [response] = form.getResponses();
    expect(response.getId()).toBe(result.accepted && result.responseId);
    expect(response.getTimestamp()).toEqual(new Date('2024-03-15T12:00:00.000Z'));
    expect(response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()])).toEqual([
      ['Company', 'Acme'],
      ['Contact email', 'jo@acme.test'],
      ['Tier', 'Gold'],
    ]);
    expect(response.getRespondentEmail()).toBe('');
  });

  test('a submission the live form would refuse is rejected with per-item reasons and changes nothing', () => {
    const w = makeWorld();
    const form = buildForm(w);
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    w.script.define('h', () => undefined);
    w.g.ScriptApp.newTrigger('h').forSpreadsheet(ACTIVE_SPREADSHEET).onFormSubmit().create();
    const result = w.services.forms.submit(form.getId(), { Company: '  ', 'Contact email': 'nope', Tier: 'Bronze', Bogus: 'x' });
    expect(result).toEqual({
      accepted: false,
      errors: [
        { item: 'Bogus', reason: 'No such question in this form' },
        { item: 'Company', reason: 'This is a required question' },
        { item: 'Contact email', reason: 'Enter a valid email' },
        { item: 'Tier', reason: 'Not one of the choices' },
      ],
    });
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')).toHaveLength(1);
    expect(form.getResponses()).toHaveLength(0);
    expect(w.script.invocations).toHaveLength(0);

    form.setAcceptingResponses(false);
    expect(w.services.forms.submit(form.getId(), { Company: 'A', 'Contact email': 'a@b.co', Tier: 'Gold' })).toEqual({
      accepted: false,
      errors: [{ item: '', reason: 'This form is no longer accepting responses.' }],
    });
  });

  test('number validation and collected respondent email', () => {
    const w = makeWorld();
    const form = published(w.g.FormApp.create('F')).setCollectEmail(true);
    form.addTextItem().setTitle('Seats').setValidation(w.g.FormApp.createTextValidation().requireNumber().build());
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[0]).toEqual(['Timestamp', 'Email Address', 'Seats']);
    expect(w.services.forms.submit(form.getId(), { Seats: 'ten' })).toEqual({
      accepted: false,
      errors: [
        { item: 'Email', reason: 'This is a required question' },
        { item: 'Seats', reason: 'Must be a number' },
      ],
    });
    const ok = w.services.forms.submit(form.getId(), { Seats: '10' }, { respondentEmail: 'p@partner.test' });
    expect(ok.accepted).toBe(true);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[1].slice(1)).toEqual(['p@partner.test', '10']);
    expect(form.getResponses()[0].getRespondentEmail()).toBe('p@partner.test');
  });

  test('email collection types: VERIFIED records the signed-in account (a respondent not signed in is refused), RESPONDER_INPUT a typed address, DO_NOT_COLLECT none', () => {
    const w = makeWorld();
    const form = published(w.g.FormApp.create('F'));
    form.addTextItem().setTitle('Seats');
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    const types = (w.g.FormApp as unknown as { EmailCollectionType: Record<string, unknown> }).EmailCollectionType;
    const f = form as unknown as { setEmailCollectionType(t: unknown): unknown; getEmailCollectionType(): unknown };
    expect(String(f.getEmailCollectionType())).toBe('DO_NOT_COLLECT');
    f.setEmailCollectionType(types.VERIFIED);
    expect(form.collectsEmail()).toBe(true);
    expect(f.getEmailCollectionType()).toBe(types.VERIFIED);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[0]).toEqual(['Timestamp', 'Seats', 'Email Address']);
    expect(w.services.forms.submit(form.getId(), { Seats: '1' }, { respondentEmail: 'typed@else.test' })).toEqual({
      accepted: false,
      errors: [{ item: '', reason: expect.stringContaining('Sign in') }],
    });
    // The account is the address: a typed one is ignored.
    expect(w.services.forms.submit(form.getId(), { Seats: '2' }, { account: 'pat@partner.test', respondentEmail: 'typed@else.test' }).accepted).toBe(true);
    expect(form.getResponses()[0].getRespondentEmail()).toBe('pat@partner.test');
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[1].slice(1)).toEqual(['2', 'pat@partner.test']);
    f.setEmailCollectionType(types.RESPONDER_INPUT);
    w.services.forms.submit(form.getId(), { Seats: '3' }, { account: 'pat@partner.test', respondentEmail: 'typed@else.test' });
    expect(form.getResponses()[1].getRespondentEmail()).toBe('typed@else.test');
    f.setEmailCollectionType(types.DO_NOT_COLLECT);
    expect(form.collectsEmail()).toBe(false);
    w.services.forms.submit(form.getId(), { Seats: '4' }, { account: 'pat@partner.test' });
    expect(form.getResponses()[2].getRespondentEmail()).toBe('');
    expect(() => f.setEmailCollectionType('SOMETIMES')).toThrow('Invalid argument: type');
  });

  test('setCollectEmail(true) turns on the kind options.formsCollectEmailType says (a guess), and keeps a kind already on', () => {
    for (const kind of ['RESPONDER_INPUT', 'VERIFIED'] as const) {
      const w = makeWorld({ formsCollectEmailType: kind });
      const form = published(w.g.FormApp.create('F')).setCollectEmail(true);
      expect(String((form as unknown as { getEmailCollectionType(): unknown }).getEmailCollectionType())).toBe(kind);
    }
    const w = makeWorld();
    const form = published(w.g.FormApp.create('F')) as unknown as GoogleAppsScript.Forms.Form & { setEmailCollectionType(t: unknown): unknown; getEmailCollectionType(): unknown };
    form.setEmailCollectionType((w.g.FormApp as unknown as { EmailCollectionType: Record<string, unknown> }).EmailCollectionType.VERIFIED);
    form.setCollectEmail(true);
    expect(String(form.getEmailCollectionType())).toBe('VERIFIED');
  });

  test("Google's duplicate firing: same row, seconds later, optionally blank", () => {
    const w = makeWorld();
    const form = buildForm(w);
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    const rows: Array<[number, string[]]> = [];
    w.script.define('onSubmit', (e: { range: FakeRange; values: string[] }) => {
      rows.push([e.range.row, e.values]);
    });
    w.g.ScriptApp.newTrigger('onSubmit').forSpreadsheet(ACTIVE_SPREADSHEET).onFormSubmit().create();
    w.services.forms.submit(form.getId(), { Company: 'Acme', 'Contact email': 'jo@acme.test', Tier: 'Gold' });
    const t0 = w.clock.nowMs();
    const dup = w.services.forms.fireDuplicateOfLastSubmit();
    expect(dup).toHaveLength(1);
    expect(w.clock.nowMs() - t0).toBe(3000);
    w.services.forms.fireDuplicateOfLastSubmit({ blank: true, afterMs: 1000 });
    expect(rows.map((r) => r[0])).toEqual([2, 2, 2]);
    expect(rows[1][1]).toEqual(rows[0][1]);
    expect(rows[2][1]).toEqual(['', '', '', '', '']);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')).toHaveLength(2);
  });

  test('form-bound onFormSubmit triggers get {authMode, response, source, triggerUid}', () => {
    const w = makeWorld();
    const form = buildForm(w);
    type FormEvent = { response: GoogleAppsScript.Forms.FormResponse; source: GoogleAppsScript.Forms.Form };
    let event = {} as FormEvent;
    w.script.define('onFormBound', (e: FormEvent) => {
      event = e;
    });
    const t = w.g.ScriptApp.newTrigger('onFormBound').forForm(form).onFormSubmit().create();
    expect(t.getTriggerSource()).toBe(w.g.ScriptApp.TriggerSource.FORMS);
    expect(t.getTriggerSourceId()).toBe(form.getId());
    const r = w.services.forms.submit(form.getId(), { Company: 'Acme', 'Contact email': 'jo@acme.test', Tier: 'Silver' });
    expect(r).toMatchObject({ accepted: true, row: null });
    expect(Object.keys(event).sort()).toEqual(['authMode', 'response', 'source', 'triggerUid']);
    expect(event.source.getId()).toBe(form.getId());
    expect(event.response.getItemResponses()[2].getResponse()).toBe('Silver');
  });

  test('responses submitted by a script are recorded but fire no trigger', () => {
    const w = makeWorld();
    const form = buildForm(w);
    form.setDestination(w.g.FormApp.DestinationType.SPREADSHEET, ACTIVE_SPREADSHEET);
    w.script.define('onSubmit', () => undefined);
    w.g.ScriptApp.newTrigger('onSubmit').forSpreadsheet(ACTIVE_SPREADSHEET).onFormSubmit().create();
    const items = form.getItems();
    const response = form.createResponse().withItemResponse(items[0].asTextItem().createResponse('Scripted Co')).withItemResponse(items[2].asListItem().createResponse('Gold')).submit();
    expect(response.getId()).toMatch(/\S/);
    expect(w.sheets.rows(ACTIVE_SPREADSHEET, 'Form Responses 1')[1].slice(1)).toEqual(['Scripted Co', '', 'Gold', '']);
    expect(w.script.invocations).toHaveLength(0);
    expect(() => items[2].asListItem().createResponse('Bronze')).toThrow(/Invalid response/);
  });

  test('needs FULL', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.g.FormApp.create('x'), { authMode: 'LIMITED' })).toThrow(/FormApp.create.*FULL/);
  });
});
