// Loaded before every e2e suite (jest.config.js setupFilesAfterEnv): after each test, every
// response a running stack's API sent during it must match the OpenAPI document it serves
// (docs/api-document.md, "What the e2e contract covers").
import { problemsOfLiveContracts } from './openapi-contract';

afterEach(async () => {
  expect(await problemsOfLiveContracts()).toEqual([]);
});
