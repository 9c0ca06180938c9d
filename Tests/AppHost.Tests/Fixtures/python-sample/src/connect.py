"""$connect: remembers the connection id in the connections table."""

import os

import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    connection_id = event["requestContext"]["connectionId"]
    try:
        dynamodb.put_item(TableName=os.environ["TABLE_NAME"], Item={"connectionId": {"S": connection_id}})
    except Exception as error:  # noqa: BLE001 - the client is told, the log has the details
        print(f"Failed to store connection {connection_id}: {error}")
        return {"statusCode": 500, "body": f"Failed to connect: {error}"}
    return {"statusCode": 200, "body": "Connected."}
