class TestCase:
    pass


class SimpleTestCase(TestCase):
    pass


class Client:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("dockersim: Django's test client is not simulated")
