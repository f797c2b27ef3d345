from rest_framework.throttling import ScopedRateThrottle


class WriteScopedRateThrottle(ScopedRateThrottle):
    """A view's `throttle_scope` limits its writes only.

    Ingesting (POST /api/v1/articles/) is costly and gets a low rate, but listing and
    reading articles should stay under the ordinary anon/user rates.
    """

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
