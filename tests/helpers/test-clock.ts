/** The story's "now": 23 June 2021, 12:00 IST, the day the newspaper report ran. Integration tests pin it. */
export const TEST_NOW = new Date("2021-06-23T06:30:00Z");
export const TEST_ID_HASH_KEY = "test-id-hash-key-0123456789abcdef";
