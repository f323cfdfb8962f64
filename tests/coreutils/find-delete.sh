mkdir d; touch d/a d/b; find d -type f -delete; ls d; echo done
