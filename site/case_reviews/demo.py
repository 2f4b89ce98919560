def load(stdout=None):
    pass
