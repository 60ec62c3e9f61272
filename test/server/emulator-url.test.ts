import assert from 'node:assert/strict';
import { it } from 'node:test';
import { toEmulatorUrl } from '../../src/server/twilio/emulator-http-client.js';

it('maps https://{product}.twilio.com/{path} to {emulator}/{product}/{path}', () => {
  assert.equal(
    toEmulatorUrl('https://conversations.twilio.com/v1/Services/IS1/Conversations?PageSize=5', 'http://127.0.0.1:4010/'),
    'http://127.0.0.1:4010/conversations/v1/Services/IS1/Conversations?PageSize=5',
  );
  assert.equal(toEmulatorUrl('https://memory.twilio.com/v1/Stores', 'http://h:1'), 'http://h:1/memory/v1/Stores');
  assert.equal(toEmulatorUrl('https://example.com/v1/x', 'http://h:1'), 'https://example.com/v1/x');
});

it('drops region and edge labels: https://mcs.us1.twilio.com/v1/... → {emulator}/mcs/v1/...', () => {
  assert.equal(
    toEmulatorUrl('https://mcs.us1.twilio.com/v1/Services/IS1/Media?Filename=a.png', 'http://h:1'),
    'http://h:1/mcs/v1/Services/IS1/Media?Filename=a.png',
  );
  assert.equal(toEmulatorUrl('https://media.us1.twilio.com/ME1?Expires=1', 'http://h:1'), 'http://h:1/media/ME1?Expires=1');
  assert.equal(
    toEmulatorUrl('https://conversations.dublin.ie1.twilio.com/v1/Services', 'http://h:1'),
    'http://h:1/conversations/v1/Services',
  );
  assert.equal(toEmulatorUrl('https://twilio.com.example.org/v1', 'http://h:1'), 'https://twilio.com.example.org/v1');
});
