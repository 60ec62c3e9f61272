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
