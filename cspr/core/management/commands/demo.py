import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cspr.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo partnerships, agencies and one fictional person per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the sign-in details as JSON")
        parser.add_argument(
            "--if-empty", action="store_true", help="load nothing when the database already has partnerships"
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development and training sites, not the production profile")
        result = load_demo(only_if_empty=options["if_empty"])
        if options["json"]:
            users = [
                {
                    "email": u.email,
                    "role": u.role,
                    "partnership": u.partnership.name if u.partnership else None,
                }
                for u in result.users
            ]
            self.stdout.write(json.dumps({"password": result.password, "users": users}, indent=2))
            return
        self.stdout.write(f"Demo data loaded ({result.created} records created). Sign in with any of:")
        for user in result.users:
            where = user.partnership.name if user.partnership else "national"
            self.stdout.write(f"  {user.email:42} {user.get_role_display():28} {where}")
        self.stdout.write(f"Password for every demo account: {result.password}")
