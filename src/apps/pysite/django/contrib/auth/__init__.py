def get_user_model():
    from django.contrib.auth.models import User
    return User
