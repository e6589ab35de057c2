# only a comment and an arg
ARG X=1
