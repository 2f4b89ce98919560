"""What an engagement activity's body is written with: the house's content blocks and the quick poll.

The poll block is the surveys app's own (`surveys.blocks.PollBlock`: the poll is a snippet, votes are counted
there), so a poll embedded in a consultation is the same poll wherever else it appears.
"""

from core.blocks import BaseStreamBlock
from surveys.blocks import PollBlock


class ConsultationStreamBlock(BaseStreamBlock):
    poll = PollBlock(label="Quick poll")
