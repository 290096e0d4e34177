// A journey drives a real browser against a real server on a shared two-core machine: a step may now and then
// outwait its bound. One retry, with the first attempt's error printed, so a flaky step stays visible in the
// log instead of failing the run; a journey that fails twice fails.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
