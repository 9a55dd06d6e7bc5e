"""Cognito post-confirmation trigger: every new user of the exchange's pool is a trader.

Admins are added to the "admin" group by an operator (docs/identity.md); a trigger failure blocks the
sign-up, so the user is never left without the role the exchange requires.
"""
import os

import boto3

cognito = boto3.client("cognito-idp")


def handler(event, _context):
    if event.get("triggerSource") == "PostConfirmation_ConfirmSignUp":
        cognito.admin_add_user_to_group(
            UserPoolId=event["userPoolId"],
            Username=event["userName"],
            GroupName=os.environ["DEFAULT_GROUP"],
        )
    return event
