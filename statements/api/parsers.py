from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, with deeply nested input refused as a 400.

    `[[[[...]]]]` a few thousand levels deep fits easily under the body-size limit but
    exhausts Python's recursion limit inside json.load; DRF lets that RecursionError
    through as a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply.") from exc
