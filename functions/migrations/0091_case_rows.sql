-- A case as every reader needs it: the row plus its issuing unit's code and name (API.md "Police units": the
-- issuer is inside every signed public case, CAP, feeds and webhooks). Reads go through this view so that no
-- surface can forget the join; writes still go to `cases`.
CREATE VIEW case_rows AS
	SELECT c.*, u.code AS issuer_code, u.name AS issuer_name
	FROM cases c LEFT JOIN units u ON u.id = c.unit_id;
