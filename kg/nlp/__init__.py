"""The spaCy pipeline: a blank Chinese pipeline segmented by jieba, plus our components."""

import warnings

# jieba 0.42 imports pkg_resources, which recent setuptools deprecates loudly on stderr.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
