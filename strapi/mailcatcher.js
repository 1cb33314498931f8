'use strict';

// A local mail catcher for the dev back end: Strapi delivers to its SMTP port, and tests (or a
// developer) read the mails over HTTP. Nothing leaves the machine.
//   SMTP  127.0.0.1:${SMTP_PORT:-1025}
//   HTTP  127.0.0.1:${MAIL_HTTP_PORT:-1080}  GET /messages (newest last), DELETE /messages

const http = require('http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const SMTP_PORT = Number(process.env.SMTP_PORT || 1025);
const HTTP_PORT = Number(process.env.MAIL_HTTP_PORT || 1080);
const MAX_MESSAGES = 500;
let messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          id: messages.length + 1,
          from: mail.from?.text || '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject || '',
          text: mail.text || '',
          html: typeof mail.html === 'string' ? mail.html : '',
          date: new Date().toISOString(),
        });
        messages = messages.slice(-MAX_MESSAGES);
        callback();
      })
      .catch(callback);
  },
});

const api = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/messages') {
    res.writeHead(404).end();
    return;
  }
  if (req.method === 'DELETE') {
    messages = [];
    res.writeHead(204).end();
    return;
  }
  const to = url.searchParams.get('to')?.toLowerCase();
  const list = to ? messages.filter((m) => m.to.includes(to)) : messages;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
});

smtp.listen(SMTP_PORT, '127.0.0.1', () => {
  api.listen(HTTP_PORT, '127.0.0.1', () => {
    console.log(`mail catcher: SMTP 127.0.0.1:${SMTP_PORT}, HTTP http://127.0.0.1:${HTTP_PORT}/messages`);
  });
});

const stop = () => {
  smtp.close(() => api.close(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
