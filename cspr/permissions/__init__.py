"""Who may do what in cspr: the one place that decides access.

Views ask these functions (`permissions.can_*`) and templates only show what views and the navigation
computed from them. Each condition sits on its own line so that tests can cover every branch. The rules
are split by stage, one module each; this package offers them all under one name, so callers never need
to know which module holds a rule.
"""

from .action_plans import *  # noqa: F403
from .base import *  # noqa: F403
from .incidents import *  # noqa: F403
from .library import *  # noqa: F403
from .practice_reviews import *  # noqa: F403
from .publication import *  # noqa: F403
from .rapid_reviews import *  # noqa: F403
