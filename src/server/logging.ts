// No personal data in logs: request bodies and cookies are never logged, and anything that looks like
// a name, date of birth or identifier is redacted if it is ever passed to the logger.
export const logRedaction = {
  paths: [
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    '*.first_name',
    '*.last_name',
    '*.date_of_birth',
    '*.nhs_number',
    '*.upn',
    '*.password',
    'body',
  ],
  censor: '[redacted]',
};
