package tollgate.lib.aws.waf_test

import rego.v1

import data.tollgate.lib.aws.waf

test_expression_names if {
	waf._expr_names({"expr": "Fn::Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage.Name}"}) == {"Api", "Stage"}
	waf._expr_names({"expr": "Fn::Join [\"\",[{\"Ref\":\"Api\"},{\"Fn::GetAtt\":[\"Graph\",\"Arn\"]}]]"}) == {"Api", "Graph"}
	waf._cfn_mentions({"__unknown__": true, "expr": "Ref Lb", "ref": "Lb"}) == {"Lb"}
	waf._cfn_mentions("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1") == set()
}
