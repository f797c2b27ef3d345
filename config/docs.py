"""The Content-Security-Policy exception for the Swagger UI page, and only that page."""

from csp.decorators import csp_update

# drf-spectacular's page template has a small inline <style>, and Swagger UI's CSS
# draws its icons as data: SVGs. Inline styles cannot run code; scripts stay 'self'.
swagger_ui_csp = csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]})
