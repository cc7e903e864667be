-- Guard: an environment behind the squash must catch up before this file may run on it.
DO {{body}};
