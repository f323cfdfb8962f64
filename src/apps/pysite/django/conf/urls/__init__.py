from django.urls import include
