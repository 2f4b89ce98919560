from wagtail.models import AbstractGroupApprovalTask


class SecondOfficerApprovalTask(AbstractGroupApprovalTask):
    """Approval by a second officer: anyone in the chosen groups may approve, except the officer who submitted
    the page for approval or wrote the revision being approved. Nothing reaches residents on one person's word."""

    def _is_own_work(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        if state is None:
            return False
        task_state = state.current_task_state
        revision_author = task_state.revision.user_id if task_state and task_state.revision_id else None
        return user.pk in {state.requested_by_id, revision_author}

    def get_actions(self, obj, user):
        if self._is_own_work(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    @classmethod
    def get_description(cls):
        return "A second officer from the chosen groups approves; the author cannot approve their own work."

    class Meta:
        verbose_name = "second officer approval task"
        verbose_name_plural = "second officer approval tasks"
