def publish_approved_work(workflow_state, user=None):
    """Publish a page once its approval workflow is complete.

    Communications officers may not publish directly (a second officer must approve), so the approver often
    lacks the publish permission itself: the completed approval is the authority to publish, not the approver's
    own rights. Used as WAGTAIL_FINISH_WORKFLOW_ACTION.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
