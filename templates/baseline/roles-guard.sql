-- Guard: every custom role this baseline names (owners, grants, policies) must exist first.
DO {{body}};
