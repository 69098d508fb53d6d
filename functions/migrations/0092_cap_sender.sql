-- The issuing unit in CAP `sender` (API.md "Police units"; issue 21): each message keeps the sender it was
-- published with, the unit's GB/T 2260 code at that moment (`<code>@<host>`). Messages recorded before this
-- column have NULL and stay `reunion@<host>` for ever: a CAP message once published never changes, and later
-- messages' `references` must name earlier ones exactly as they were sent.
ALTER TABLE cap_messages ADD COLUMN sender TEXT;
