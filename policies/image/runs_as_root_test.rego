package tollgate.image.runs_as_root_test

import rego.v1

import data.tollgate.image.runs_as_root

test_no_user if {
	runs_as_root.deny == {{
		"resource": "app:1",
		"path": ["config", "user"],
		"message": "The image config sets no user, so the container runs as root",
	}} with input as {"resource": "app:1", "config": {"user": ""}}
}

test_root_users if {
	every u in ["root", "0", "0:0", "root:wheel"] {
		{f.message | some f in runs_as_root.deny} == {sprintf("The image config runs the container as root (user %s)", [u])} with input as {"resource": "app:1", "config": {"user": u}}
	}
}

test_non_root if {
	count(runs_as_root.deny) == 0 with input as {"resource": "app:1", "config": {"user": "65532:65532"}}
	count(runs_as_root.deny) == 0 with input as {"resource": "app:1", "config": {"user": "nobody"}}
}
