"""Transforms a SAM template the way CloudFormation's AWS::Serverless transform does, offline.

Usage: python3 sam_translate.py TEMPLATE

Local CodeUri folders become a stand-in S3 location (what `sam package` would upload), the
managed-policy lookup is answered from a fixed list instead of IAM, and the translator's own
validation runs. Prints the number of resources on success; on failure prints the translator's
errors, one per line, and exits 1. Needs `aws-sam-translator` and `cfn-lint` (for its YAML loader,
which reads the short-form intrinsic tags).
"""
import json
import os
import sys

from cfnlint.decode import cfn_yaml
from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform


class ManagedPolicies:
    """The AWS managed policies SAM templates commonly name, as IAM would list them."""

    def load(self):
        names = ["AWSLambdaBasicExecutionRole", "AWSLambdaDynamoDBExecutionRole", "AmazonDynamoDBFullAccess",
                 "AmazonAPIGatewayInvokeFullAccess", "AWSXrayWriteOnlyAccess", "AWSLambdaRole"]
        return {name: f"arn:aws:iam::aws:policy/service-role/{name}" for name in names}


def stand_in_code(template):
    for resource in (template.get("Resources") or {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = "s3://stand-in-bucket/" + properties["CodeUri"].strip("./") + ".zip"
    globals_function = (template.get("Globals") or {}).get("Function") or {}
    if isinstance(globals_function.get("CodeUri"), str):
        globals_function["CodeUri"] = "s3://stand-in-bucket/code.zip"


def main(path):
    # The translator needs a region for its pseudo parameters; any will do for validation.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    template = json.loads(json.dumps(cfn_yaml.load(path)))
    stand_in_code(template)
    try:
        output = transform(template, {}, ManagedPolicies())
    except InvalidDocumentException as error:
        for cause in error.causes:
            print(f"{path}: {cause.message}")
        return 1
    print(f"{path}: transformed to {len(output['Resources'])} resources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
