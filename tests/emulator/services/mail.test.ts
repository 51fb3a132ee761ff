import { makeWorld } from './context-for-tests';

describe('MailApp', () => {
  test('sendEmail(recipient, subject, body, options) records the message', () => {
    const w = makeWorld();
    w.run(
      () =>
        w.g.MailApp.sendEmail('a@example.com, B <b@example.com>', 'Hello', 'Body', {
          cc: 'c@example.com',
          bcc: 'd@example.com',
          htmlBody: '<b>Body</b>',
          name: 'Tracker',
          replyTo: 'r@example.com',
          attachments: [w.g.Utilities.newBlob('csv,data', 'text/csv', 'x.csv')],
        }),
      { user: 'sender@example.com', origin: 'menu' },
    );
    expect(w.services.mail.outbox).toEqual([
      {
        from: 'sender@example.com',
        name: 'Tracker',
        to: ['a@example.com', 'b@example.com'],
        cc: ['c@example.com'],
        bcc: ['d@example.com'],
        replyTo: 'r@example.com',
        noReply: false,
        subject: 'Hello',
        body: 'Body',
        htmlBody: '<b>Body</b>',
        attachments: [{ name: 'x.csv', contentType: 'text/csv', size: 8, base64: Buffer.from('csv,data').toString('base64') }],
        inlineImages: [],
        sentAt: '2024-03-15T12:00:00.000Z',
        executionId: expect.any(Number),
        origin: 'menu',
      },
    ]);
    expect(w.services.mail.sentTo('B@example.com')).toHaveLength(1);
  });

  test('message-object and (to, replyTo, subject, body) forms', () => {
    const w = makeWorld();
    w.g.MailApp.sendEmail({ to: 'a@example.com', subject: 'S', htmlBody: '<p>h</p>' });
    w.g.MailApp.sendEmail('a@example.com', 'reply@example.com', 'S2', 'B2');
    expect(w.services.mail.outbox.map((m) => [m.subject, m.body, m.htmlBody, m.replyTo])).toEqual([
      ['S', '', '<p>h</p>', null],
      ['S2', 'B2', null, 'reply@example.com'],
    ]);
  });

  test('validation: no recipient, invalid email, >50 recipients, body size', () => {
    const { g } = makeWorld();
    expect(() => g.MailApp.sendEmail({ subject: 's', body: 'b' })).toThrow('Failed to send email: no recipient');
    expect(() => g.MailApp.sendEmail('not-an-email', 's', 'b')).toThrow('Invalid email: not-an-email');
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@example.com`).join(',');
    expect(() => g.MailApp.sendEmail(many, 's', 'b')).toThrow('Limit Exceeded: Email Recipients Per Message.');
    expect(() => g.MailApp.sendEmail('a@example.com', 's', 'x'.repeat(200 * 1024 + 1))).toThrow('Limit Exceeded: Email Body Size.');
    g.MailApp.sendEmail('a@example.com', 's', 'x'.repeat(200 * 1024));
  });

  test('consumer quota: 100 recipients a day across to/cc/bcc, reset at Pacific midnight', () => {
    const w = makeWorld({ accountType: 'consumer' }, '2024-03-15T12:00:00.000Z');
    const { g } = w;
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    g.MailApp.sendEmail('a@example.com', 's', 'b', { cc: 'b@example.com', bcc: 'c@example.com' });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(97);
    const batch = Array.from({ length: 48 }, (_, i) => `p${i}@example.com`).join(',');
    g.MailApp.sendEmail(batch, 's', 'b');
    g.MailApp.sendEmail(batch, 's', 'b');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => g.MailApp.sendEmail('x@example.com,y@example.com', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    g.MailApp.sendEmail('x@example.com', 's', 'b');
    expect(() => g.MailApp.sendEmail('y@example.com', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    expect(w.services.mail.outbox).toHaveLength(4);
    // 12:00Z is 05:00 in Los Angeles (PDT); Pacific midnight is 07:00Z the next day.
    w.clock.set('2024-03-16T06:59:00.000Z');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(0);
    w.clock.set('2024-03-16T07:00:00.000Z');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test('workspace quota and body size', () => {
    const { g } = makeWorld({ accountType: 'workspace' });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(1500);
    g.MailApp.sendEmail('a@example.com', 's', 'x'.repeat(400 * 1024));
    g.MailApp.sendEmail({ to: 'a@example.com', subject: 's', body: 'b', noReply: true });
  });

  test('needs FULL', () => {
    const w = makeWorld();
    expect(() => w.run(() => w.g.MailApp.getRemainingDailyQuota(), { authMode: 'LIMITED' })).toThrow(/MailApp.getRemainingDailyQuota.*FULL/);
  });
});
