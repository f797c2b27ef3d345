app_name = "statements"
urlpatterns = []
