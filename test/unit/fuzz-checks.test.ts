import { describe, expect, it } from 'vitest';
import { checkResponse } from '../helpers/openapi-fuzz.js';

const json = { 'content-type': 'application/json; charset=utf-8' };

describe('the fuzz test’s response checks', () => {
  it('pass a clean error and a clean success', () => {
    expect(checkResponse({ statusCode: 400, headers: json, body: JSON.stringify({ code: 'invalid_input', message: 'Invalid body field.' }) })).toEqual([]);
    expect(checkResponse({ statusCode: 200, headers: json, body: '{"items":[]}' })).toEqual([]);
    expect(checkResponse({ statusCode: 503, headers: { ...json, 'retry-after': '5' }, body: '{"code":"busy","message":"Try again."}' })).toEqual([]);
  });

  it('catch a 5xx, a foreign error shape and internal text', () => {
    expect(checkResponse({ statusCode: 500, headers: json, body: '{"code":"internal","message":"x"}' })).toContain('status 500');
    expect(checkResponse({ statusCode: 503, headers: json, body: '{"code":"busy","message":"x"}' })).toContain('status 503');
    expect(checkResponse({ statusCode: 400, headers: json, body: '{"statusCode":400,"error":"Bad Request","message":"x"}' })).toEqual(
      expect.arrayContaining(['an error body with the key "statusCode"', 'an error without a stable code']),
    );
    expect(checkResponse({ statusCode: 400, headers: json, body: '{"code":"invalid_input","message":"Failing row contains (1, x)"}' })).toContain('database text in the body');
    expect(checkResponse({ statusCode: 400, headers: json, body: '{"code":"invalid_input","message":"ZodError: bad"}' })).toContain('a library or error-class name in an error body');
    expect(checkResponse({ statusCode: 200, headers: json, body: '{"e":"at run (/work/main/src/x.ts:1:2)"}' })).toEqual(
      expect.arrayContaining(['a stack frame in the body', 'a file path in the body']),
    );
    expect(checkResponse({ statusCode: 400, headers: json, body: '{"code":"conflict","message":"select * from proposals where id = 1"}' })).toContain('SQL in an error body');
  });
});
