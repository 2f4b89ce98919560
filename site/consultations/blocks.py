"""What an engagement activity's body is written with: the house's content blocks, which include the quick poll.

The poll block is the surveys app's own (`surveys.blocks.PollBlock`: the poll is a snippet, votes are counted
there) and reaches every page's blocks through `settings.PAGE_EMBED_BLOCKS`, so a poll embedded in a consultation
is the same poll wherever else it appears.
"""

from core.blocks import BaseStreamBlock


class ConsultationStreamBlock(BaseStreamBlock):
    pass
