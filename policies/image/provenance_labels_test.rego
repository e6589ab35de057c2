package tollgate.image.provenance_labels_test

import rego.v1

import data.tollgate.image.provenance_labels

_source := "org.opencontainers.image.source"

_revision := "org.opencontainers.image.revision"

test_missing_labels if {
	provenance_labels.deny == {{
		"resource": "app:1",
		"path": ["config", "labels"],
		"message": "The image declares no org.opencontainers.image.source or org.opencontainers.image.revision label (require_provenance_labels is set)",
	}} with input as {"resource": "app:1", "config": {"labels": {"team": "payments"}}, "annotations": {}}
		with data.tollgate.config.require_provenance_labels as true
}

test_missing_revision_or_blank if {
	{f.message | some f in provenance_labels.deny} == {"The image declares no org.opencontainers.image.revision label (require_provenance_labels is set)"} with input as {"resource": "app:1", "config": {"labels": {_source: "https://github.com/acme/app", _revision: " "}}, "annotations": {}}
		with data.tollgate.config.require_provenance_labels as true
}

test_labels_or_annotations if {
	count(provenance_labels.deny) == 0 with input as {"resource": "app:1", "config": {"labels": {_source: "https://github.com/acme/app", _revision: "4f2c1e9"}}, "annotations": {}}
		with data.tollgate.config.require_provenance_labels as true
	count(provenance_labels.deny) == 0 with input as {"resource": "app:1", "config": {"labels": {_source: "https://github.com/acme/app"}}, "annotations": {_revision: "4f2c1e9"}}
		with data.tollgate.config.require_provenance_labels as true
}

test_not_required if {
	count(provenance_labels.deny) == 0 with input as {"resource": "app:1", "config": {"labels": {}}, "annotations": {}}
	count(provenance_labels.deny) == 0 with input as {"resource": "app:1", "config": {"labels": {}}, "annotations": {}}
		with data.tollgate.config.require_provenance_labels as false
}
