package tollgate.lib.images_test

import rego.v1

import data.tollgate.lib.images

sha := "sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"

test_parse if {
	images.parse("nginx") == {"registry": "", "repository": "nginx", "tag": "", "digest": ""}
	images.parse("nginx:1.27") == {"registry": "", "repository": "nginx", "tag": "1.27", "digest": ""}
	images.parse("library/nginx:latest") == {"registry": "", "repository": "library/nginx", "tag": "latest", "digest": ""}
	images.parse("localhost:5000/app") == {"registry": "localhost:5000", "repository": "app", "tag": "", "digest": ""}
	images.parse("localhost/app:v2") == {"registry": "localhost", "repository": "app", "tag": "v2", "digest": ""}
	images.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders/api:2024.06.1") == {
		"registry": "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
		"repository": "orders/api", "tag": "2024.06.1", "digest": "",
	}
	images.parse(sprintf("public.ecr.aws/nginx/nginx:1.27@%s", [sha])) == {
		"registry": "public.ecr.aws", "repository": "nginx/nginx", "tag": "1.27", "digest": sha,
	}
	images.parse("registry.example.com:5000/team/app@sha256:abc") == {
		"registry": "registry.example.com:5000", "repository": "team/app", "tag": "", "digest": "sha256:abc",
	}
}

test_unpinned if {
	every ref in ["nginx", "nginx:latest", "localhost:5000/app", "ghcr.io/org/app:latest", "app@sha256:short"] {
		images.unpinned(ref)
	}
}

test_pinned_or_not_judged if {
	every ref in [
		"nginx:1.27", sprintf("nginx@%s", [sha]), sprintf("nginx:latest@%s", [sha]),
		"localhost:5000/app:v1", "{{resolve:ssm:/app/image}}", "${ImageRepo}:latest", "",
		{"__unknown__": true, "expr": "Fn::Sub ${Repo.RepositoryUri}:latest"}, 42,
	] {
		not images.unpinned(ref)
	}
}
